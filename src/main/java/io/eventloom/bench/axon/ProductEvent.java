package io.eventloom.bench.axon;

/** What the Axon peer's product aggregate stores: Axon serialises these with Jackson into its event table. */
sealed interface ProductEvent {

    /** A product came to be. Carries its id because Axon sets the aggregate identifier from this first event. */
    record ProductCreated(String productId, String sku, String name, long priceMinor, String currency,
                          int initialStock) implements ProductEvent {
    }

    /** Stock was added. */
    record StockRestocked(String productId, int quantity) implements ProductEvent {
    }
}
