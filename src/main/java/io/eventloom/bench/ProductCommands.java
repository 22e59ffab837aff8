package io.eventloom.bench;

import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductCommandEnvelope;
import io.eventloom.shop.product.Restock;

import java.time.Instant;

/**
 * The bench's load, command by command: first one {@code CreateProduct} per product, then {@code Restock}s
 * round-robin over the products. Every command is accepted and appends one event, so n commands are n events.
 */
record ProductCommands(int aggregates, long events) {

    ProductCommands {
        if (aggregates < 1) {
            throw new IllegalArgumentException("need at least one aggregate, was " + aggregates);
        }
        if (events < aggregates) {
            throw new IllegalArgumentException("events (" + events + ") must be at least the aggregates ("
                    + aggregates + "): each product's first event is its creation");
        }
    }

    String aggregateId(long command) {
        return "product-" + command % aggregates;
    }

    ProductCommandEnvelope command(long command, Instant issuedAt) {
        String id = "bench-" + command;
        String aggregateId = aggregateId(command);
        Object payload = command < aggregates
                ? new CreateProduct("SKU-" + command, "Bench product " + command, new Money(1_000L, "EUR"), 0)
                : new Restock(1);
        return ProductCommandEnvelope.newBuilder()
                .setCommandId(id)
                .setAggregateId(aggregateId)
                .setIssuedAt(issuedAt)
                .setCorrelationId(id)
                .setPayload(payload)
                .build();
    }
}
