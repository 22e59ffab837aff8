package io.eventloom.bench;

import java.time.Duration;

/** How many things were done in how long. */
record Rate(long count, Duration elapsed) {

    double perSecond() {
        return count * 1_000_000_000.0 / Math.max(elapsed.toNanos(), 1);
    }

    double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    static Rate since(long count, long startedNanos) {
        return new Rate(count, Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
