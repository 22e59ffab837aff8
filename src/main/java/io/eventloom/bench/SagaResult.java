package io.eventloom.bench;

/**
 * The saga's end-to-end rate: orders placed as fast as the producer goes until every one was confirmed or
 * cancelled, and the time from each order's sending to its {@code OrderConfirmed}.
 */
record SagaResult(SagaPlan plan, long confirmed, long cancelled, Rate confirmedRate, LatencySummary placedToConfirmed) {
}
