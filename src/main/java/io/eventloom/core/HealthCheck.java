package io.eventloom.core;

/**
 * One part of a running instance that can say whether it works right now: the Kafka Streams runtime, the command
 * gateway's result reader, the registry's log reader. Readiness is the conjunction of every check.
 */
public interface HealthCheck {

    /** Stable, short, lower-case: the key of this check in {@code /health/ready}. */
    String name();

    /** Must be cheap and must not block: it is called on every health request. */
    Health check();
}
