package io.eventloom.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a system kept up with an open-loop rate: the backlog (commands sent but not yet answered), sampled every
 * second of the measured window, must not grow by more than a second's worth of commands from the first third of
 * the window to the last. A system that keeps up holds a steady backlog of rate × latency; one that cannot grows
 * it without end, and its percentiles then only say how long the run lasted.
 */
final class BacklogTrend {

    private final int rate;
    private final List<Long> samples = new ArrayList<>();

    BacklogTrend(int rate) {
        this.rate = rate;
    }

    void sample(long sent, long answered) {
        samples.add(sent - answered);
    }

    /** Mean backlog over the last third of the samples less the mean over the first third. */
    double growth() {
        int third = samples.size() / 3;
        if (third == 0) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1) - samples.get(0);
        }
        return mean(samples.subList(samples.size() - third, samples.size())) - mean(samples.subList(0, third));
    }

    boolean keptUp() {
        return growth() <= rate;
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
