package io.eventloom.bench;

/** The saga scenario: customers and products created first, then orders placed as fast as the producer goes. */
record SagaPlan(int customers, int products, int orders, int partitions) {

    SagaPlan {
        Sizes.requirePositive("customers", customers);
        Sizes.requirePositive("products", products);
        Sizes.requirePositive("orders", orders);
        Sizes.requirePositive("partitions", partitions);
    }

    /** Orders placed first to warm the JVM up, not counted. */
    int warmupOrders() {
        return Math.max(1, orders / 10);
    }
}
