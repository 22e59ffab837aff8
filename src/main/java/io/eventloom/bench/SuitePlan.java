package io.eventloom.bench;

import java.time.Duration;
import java.util.List;

/** The sizes of every scenario of one bench run. */
record SuitePlan(ThroughputPlan throughput, HttpPlan http, LatencyPlan latency, MemoryPlan memory, SagaPlan saga,
                 RestartPlan restart) {

    /** Sizes a smoke run gets through in a minute or two: every scenario runs, none measures anything worth quoting. */
    static SuitePlan quick() {
        int partitions = 2;
        return new SuitePlan(
                new ThroughputPlan(100, 1_000, partitions),
                new HttpPlan(100, 50, 150, List.of(4, 16), partitions),
                new LatencyPlan(100, List.of(50), List.of(Duration.ofMillis(100)), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), partitions),
                new MemoryPlan(1_000, partitions),
                new SagaPlan(10, 10, 100, partitions),
                new RestartPlan(new ProductCommands(200, 400), partitions, true, Duration.ofMillis(500)));
    }
}
