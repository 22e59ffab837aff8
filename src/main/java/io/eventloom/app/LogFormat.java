package io.eventloom.app;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Applies {@code log.format}: the logging configuration chooses its console layout by the system property
 * {@code eventloom.log.format}, which this sets before reconfiguring, so the settings file and the variables decide
 * like for every other setting.
 */
final class LogFormat {

    static final String PROPERTY = "eventloom.log.format";

    private LogFormat() {
    }

    static void apply(EventloomConfig config) {
        String format = config.require(EventloomConfig.LOG_FORMAT);
        if (format.equals(System.getProperty(PROPERTY, "text"))) {
            return;
        }
        System.setProperty(PROPERTY, format);
        ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }
}
