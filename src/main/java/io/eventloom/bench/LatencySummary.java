package io.eventloom.bench;

import org.HdrHistogram.Histogram;

/** The percentiles of one histogram of latencies recorded in microseconds, in milliseconds. */
record LatencySummary(long count, double p50, double p99, double p999, double max) {

    /** A histogram for latencies in microseconds, from 1 µs to 10 minutes at 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(1, 600_000_000L, 3);
    }

    /** Records one latency, clamped to the histogram's range (a 10-minute answer is past telling apart). */
    static void recordNanos(Histogram micros, long nanos) {
        micros.recordValue(Math.max(1, Math.min(nanos / 1000, micros.getHighestTrackableValue())));
    }

    static LatencySummary of(Histogram micros) {
        return new LatencySummary(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(99)), millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
