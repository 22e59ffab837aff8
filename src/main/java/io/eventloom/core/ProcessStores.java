package io.eventloom.core;

import java.time.Instant;

/**
 * The names of one process manager's stores, stable because their changelog topics are named after them: the
 * instances' states, and their deadlines ordered by time.
 */
record ProcessStores(String state, String deadlines) {

    static ProcessStores of(String process) {
        return new ProcessStores(process + "-process-state", process + "-process-deadlines");
    }

    /** A deadline's key: the zero-padded epoch milliseconds, a NUL, the instance id; so keys sort by time. */
    static String deadlineKey(Instant deadline, String instance) {
        return OrderedKeys.padded(Math.max(0, deadline.toEpochMilli())) + '\u0000' + instance;
    }

    /** The deadline a key of {@link #deadlineKey} stands for. */
    static Instant deadlineOf(String key) {
        return Instant.ofEpochMilli(Long.parseLong(key.substring(0, 19)));
    }

    /** An upper bound that every deadline key at or before {@code now} sorts before, and no later one. */
    static String deadlinesBefore(Instant now) {
        return OrderedKeys.padded(Math.max(0, now.toEpochMilli()) + 1);
    }
}
