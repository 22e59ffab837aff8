package io.eventloom.bench;

/** The throughput scenario's sizes: products created first, then restocks over them, on a topic of partitions. */
record ThroughputPlan(int products, long restocks, int partitions) {

    ThroughputPlan {
        Sizes.requirePositive("products", products);
        Sizes.requirePositive("partitions", partitions);
        if (restocks < 0) {
            throw new IllegalArgumentException("restocks must not be negative, was " + restocks);
        }
    }

    /** The commands of one pass: every CreateProduct, then every Restock. */
    ProductCommands commands(String run) {
        return new ProductCommands(run, products, products + restocks);
    }
}
