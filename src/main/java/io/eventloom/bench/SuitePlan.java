package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeerPlan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sizes of every scenario of one bench run, and the settings every Eventloom app of the run gets on top of the
 * bench's own (say, {@code streams.num.stream.threads}).
 */
record SuitePlan(ThroughputPlan throughput, HttpPlan http, LatencyPlan latency, MemoryPlan memory, SagaPlan saga,
                 AxonPeerPlan axon, RestartPlan restart, Map<String, String> appSettings) {

    SuitePlan {
        appSettings = Map.copyOf(appSettings);
        for (String key : appSettings.keySet()) {
            if (AppDeployment.BENCH_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("--app-setting " + key + ": the bench sets " + key
                        + " itself, per scenario");
            }
        }
    }

    SuitePlan withAppSettings(Map<String, String> value) {
        return new SuitePlan(throughput, http, latency, memory, saga, axon, restart, value);
    }

    /** Sizes a smoke run gets through in a minute or two: every scenario runs, none measures anything worth quoting. */
    static SuitePlan quick() {
        int partitions = 2;
        return new SuitePlan(
                new ThroughputPlan(100, 1_000, partitions),
                new HttpPlan(100, 50, 150, List.of(4, 16), partitions),
                // Two rounds, so that a smoke run also goes through the rounds and their medians.
                new LatencyPlan(100, List.of(50), List.of(Duration.ofMillis(100)), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), partitions, 2),
                new MemoryPlan(1_000, partitions),
                new SagaPlan(10, 10, 100, partitions),
                new AxonPeerPlan(100, 1_000, 2, 200, 200),
                new RestartPlan(new ProductCommands(200, 400), partitions, true, Duration.ofMillis(500)), Map.of());
    }
}
