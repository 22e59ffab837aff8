package io.eventloom.core;

import java.util.Objects;

/** The topic names of one deployment, from its namespace: the {@code shop} in {@code shop.order.events}. */
public record TopicNames(String namespace) {

    public TopicNames {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("topic namespace must not be blank");
        }
    }

    public String commands(String aggregateType) {
        return namespace + "." + aggregateType + ".commands";
    }

    public String events(String aggregateType) {
        return namespace + "." + aggregateType + ".events";
    }

    public String commandResults(String aggregateType) {
        return namespace + "." + aggregateType + ".command-results";
    }

    public String deadLetters() {
        return namespace + ".dead-letters";
    }

    /** Which generation of each projection is read and which is being built, keyed by projection name. */
    public String projectionGenerations() {
        return namespace + ".projection-generations";
    }
}
