package io.eventloom.bench;

import java.util.List;

/**
 * The HTTP scenario's sizes: products created through the topic, a warm-up of requests not counted, then that many
 * Restock requests at each number in flight.
 */
record HttpPlan(int products, long warmupRequests, long requests, List<Integer> inFlight, int partitions) {

    HttpPlan {
        Sizes.requirePositive("products", products);
        Sizes.requirePositive("requests", requests);
        Sizes.requirePositive("partitions", partitions);
        inFlight = List.copyOf(inFlight);
        if (inFlight.isEmpty() || inFlight.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("in-flight levels must be at least 1, were " + inFlight);
        }
        if (warmupRequests < 0) {
            throw new IllegalArgumentException("warm-up requests must not be negative, were " + warmupRequests);
        }
    }
}
