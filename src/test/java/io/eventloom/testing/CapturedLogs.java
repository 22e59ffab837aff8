package io.eventloom.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The lines one logger writes while this is open, each with its log context, for tests of what is logged. */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    /** One line: its message and its log context. */
    public record Line(String message, Map<String, String> context) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs(Logger logger) {
        super("captured-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    public static CapturedLogs of(Class<?> loggingClass) {
        CapturedLogs captured = new CapturedLogs((Logger) LogManager.getLogger(loggingClass));
        captured.start();
        captured.logger.addAppender(captured);
        return captured;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new Line(event.getMessage().getFormattedMessage(), Map.copyOf(event.getContextData().toMap())));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
