package io.eventloom.bench.axon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The product commands the bench sends to the Axon peer, as plain records Axon routes by their product id. */
sealed interface ProductCommand {

    /** Creates a product: price in minor units of an ISO 4217 currency, and the stock it starts with. */
    record CreateProduct(@TargetAggregateIdentifier String productId, String sku, String name, long priceMinor,
                         String currency, int initialStock) implements ProductCommand {
    }

    /** Adds stock; the quantity must be positive. */
    record Restock(@TargetAggregateIdentifier String productId, int quantity) implements ProductCommand {
    }
}
