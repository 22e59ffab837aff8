package io.eventloom.bench;

/** The memory scenario: how many products to create before heap and RSS are read. */
record MemoryPlan(int products, int partitions) {

    MemoryPlan {
        Sizes.requirePositive("products", products);
        Sizes.requirePositive("partitions", partitions);
    }
}
