package io.eventloom.bench;

import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductCommandEnvelope;
import io.eventloom.shop.product.Restock;

import java.time.Instant;

/**
 * The bench's product load, command by command: first one {@code CreateProduct} per product, then {@code Restock}s
 * round-robin over the products. Every command is accepted and appends one event, so n commands are n events.
 * Command and product ids start with {@code run}, so that several loads on one deployment (a warm-up, then the
 * measured pass) never meet: a command id seen before would only be answered from the dedupe store.
 */
record ProductCommands(String run, int aggregates, long events) {

    static final String DEFAULT_RUN = "bench";

    ProductCommands {
        if (aggregates < 1) {
            throw new IllegalArgumentException("need at least one aggregate, was " + aggregates);
        }
        if (events < aggregates) {
            throw new IllegalArgumentException("events (" + events + ") must be at least the aggregates ("
                    + aggregates + "): each product's first event is its creation");
        }
    }

    ProductCommands(int aggregates, long events) {
        this(DEFAULT_RUN, aggregates, events);
    }

    String aggregateId(long command) {
        return run + "-product-" + command % aggregates;
    }

    String commandId(long command) {
        return run + "-" + command;
    }

    ProductCommandEnvelope command(long command, Instant issuedAt) {
        Object payload = command < aggregates
                ? new CreateProduct("SKU-" + command, "Bench product " + command, new Money(1_000L, "EUR"), 0, null)
                : new Restock(1);
        return envelope(commandId(command), aggregateId(command), payload, issuedAt);
    }

    /** A {@code Restock} of one unit: the command every load after the products' creation sends. */
    static ProductCommandEnvelope restock(String commandId, String productId, Instant issuedAt) {
        return envelope(commandId, productId, new Restock(1), issuedAt);
    }

    private static ProductCommandEnvelope envelope(String commandId, String productId, Object payload,
                                                   Instant issuedAt) {
        return ProductCommandEnvelope.newBuilder()
                .setCommandId(commandId)
                .setAggregateId(productId)
                .setIssuedAt(issuedAt)
                .setCorrelationId(commandId)
                .setPayload(payload)
                .build();
    }
}
