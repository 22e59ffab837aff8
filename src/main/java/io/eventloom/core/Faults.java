package io.eventloom.core;

import io.eventloom.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a fault (something unreachable or overloaded: try again later and it may work) from poison (the same input
 * fails the same way every time). A fault must stop processing and be retried, never dead-lettered: the record is
 * valid and would be lost to every reader of the topic.
 */
public final class Faults {

    private Faults() {
    }

    /** True when {@code error}, or anything in its cause chain, is a fault rather than a property of the input. */
    public static boolean isFault(Throwable error) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.isTransient();
            }
            if (cause instanceof RetriableException || cause instanceof InterruptException
                    || cause instanceof InterruptedException || cause instanceof IOException
                    || cause instanceof UncheckedIOException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
