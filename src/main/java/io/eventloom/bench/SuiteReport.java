package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeerResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one bench run measured: each scenario's result when it ran, why a scenario failed when it did, with
 * the plan and the machine.
 */
record SuiteReport(SuitePlan plan, Machine machine, String loadAverage, Optional<ThroughputResult> throughput,
                   Optional<HttpResult> http, Optional<List<LatencyRun>> latency, Optional<MemoryResult> memory,
                   Optional<SagaResult> saga, Optional<AxonPeerResult> axon, Optional<RestartReport> restart,
                   Map<Scenario, String> failures) {

    SuiteReport {
        latency = latency.map(List::copyOf);
        failures = Map.copyOf(failures);
    }
}
