package io.eventloom.bench;

import java.time.Duration;

/**
 * The load of one configuration, from the first command sent: until every command's result was committed, and
 * until the runtime was idle (the projections caught up with the events too).
 */
record LoadMeasurement(long commands, Duration allResults, Duration allProcessed) {

    double commandsPerSecond() {
        return commands * 1000.0 / Math.max(allResults.toMillis(), 1);
    }
}
