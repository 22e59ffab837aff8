package io.eventloom.bench.axon;

/**
 * What one Axon peer run measured: the closed loop's throughput, the open loop's latency percentiles at its rate,
 * and, to check the run did what it says, the commands accepted, events stored and stock summed over products.
 */
public record AxonPeerResult(String peer, AxonPeerPlan plan, long commandsAccepted, double commandsPerSecond,
                             double p50Millis, double p99Millis, double p999Millis, long eventsStored,
                             long availableStock, long databaseBytes) {
}
