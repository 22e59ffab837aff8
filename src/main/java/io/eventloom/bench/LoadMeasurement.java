package io.eventloom.bench;

import java.time.Duration;

/** The load of one configuration: how many commands, from the first send until the last result was committed. */
record LoadMeasurement(long commands, Duration elapsed) {

    double commandsPerSecond() {
        return commands * 1000.0 / Math.max(elapsed.toMillis(), 1);
    }
}
