package io.eventloom.bench;

import java.time.Duration;

/** One open-loop run: a system at a rate and commit interval in a round, its latencies and whether it kept up. */
record LatencyRun(SystemUnderTest system, int rate, Duration commitInterval, int round, long sent, long answered,
                  LatencySummary latency, double backlogGrowth, boolean keptUp) {
}
