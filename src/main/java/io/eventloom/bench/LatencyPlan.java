package io.eventloom.bench;

import java.time.Duration;
import java.util.List;

/**
 * The open-loop latency scenario: products to restock, the rates to send at, the commit intervals to run with, how
 * long each run warms up (not counted) and then measures, and how many rounds of the raw reference then Eventloom
 * each commit interval gets.
 */
record LatencyPlan(int products, List<Integer> rates, List<Duration> commitIntervals, Duration warmup,
                   Duration measured, int partitions, int rounds) {

    LatencyPlan {
        Sizes.requirePositive("products", products);
        Sizes.requirePositive("partitions", partitions);
        Sizes.requirePositive("rounds", rounds);
        rates = List.copyOf(rates);
        commitIntervals = List.copyOf(commitIntervals);
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 1)) {
            throw new IllegalArgumentException("rates must be at least 1 per second, were " + rates);
        }
        if (commitIntervals.isEmpty() || commitIntervals.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("commit intervals must not be negative, were " + commitIntervals);
        }
        if (warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warm-up must not be negative and the measured time must be positive");
        }
    }
}
