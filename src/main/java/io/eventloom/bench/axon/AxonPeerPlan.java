package io.eventloom.bench.axon;

/**
 * The sizes of one Axon peer run: products created and restocks sent in the closed loop by that many clients, then
 * the open loop's rate and the commands in each of its two passes (the first one warms up and is not counted).
 */
public record AxonPeerPlan(int products, long restocks, int clients, int ratePerSecond, long latencyCommands) {

    /** The defaults: 10,000 products, 100,000 restocks, 2 clients per core, 1,000/s for 30 s. */
    public static AxonPeerPlan defaults() {
        return new AxonPeerPlan(10_000, 100_000, 2 * Runtime.getRuntime().availableProcessors(), 1_000, 30_000);
    }

    public AxonPeerPlan {
        if (products < 1) {
            throw new IllegalArgumentException("products must be at least 1, was " + products);
        }
        if (restocks < 0) {
            throw new IllegalArgumentException("restocks must not be negative, was " + restocks);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, was " + clients);
        }
        if (ratePerSecond < 1 || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("rate must be 1 to 1,000,000 per second, was " + ratePerSecond);
        }
        if (latencyCommands < 1) {
            throw new IllegalArgumentException("latency commands must be at least 1, was " + latencyCommands);
        }
    }

    /** The commands of the closed loop, whose rate is the throughput. */
    public long closedLoopCommands() {
        return products + restocks;
    }

    /** Every command the run sends: the closed loop's and both open-loop passes. */
    public long totalCommands() {
        return closedLoopCommands() + 2 * latencyCommands;
    }
}
