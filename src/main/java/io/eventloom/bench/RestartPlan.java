package io.eventloom.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * The sizes and steps of one {@code bench restart} run: the load, the partitions of every topic, whether to add a
 * cold restore, and how long a runtime's committed offsets must stay unchanged before it is stopped or killed.
 */
record RestartPlan(ProductCommands load, int partitions, boolean cold, Duration settle) {

    RestartPlan {
        Objects.requireNonNull(load, "load");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, was " + settle);
        }
    }
}
