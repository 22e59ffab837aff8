package io.eventloom.bench;

import org.apache.logging.log4j.core.config.Configurator;

import java.net.URISyntaxException;
import java.net.URL;

/** Where the bench's JVMs log: the bench's own on stderr, a runtime's with what Kafka Streams says about restores. */
final class BenchLogging {

    private BenchLogging() {
    }

    /** The bench JVM: logs on stderr, so that stdout carries the results table alone. */
    static void toStandardError() {
        use("log4j2-bench.xml");
    }

    /** A runtime JVM: logs on stdout (the bench keeps them), with store initialisation and restores at INFO. */
    static void forRuntime() {
        use("log4j2-runtime.xml");
    }

    private static void use(String resource) {
        URL config = BenchLogging.class.getResource(resource);
        if (config == null) {
            throw new IllegalStateException("missing resource " + resource + " next to " + BenchLogging.class);
        }
        try {
            Configurator.reconfigure(config.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + config, e);
        }
    }
}
