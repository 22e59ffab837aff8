package io.eventloom.shop.product;

import io.eventloom.core.AggregateType;

/** Registers products with the runtime: topics {@code shop.product.*}. */
public final class ProductAggregate {

    public static final AggregateType<ProductState> TYPE = new AggregateType<>("product", new ProductDecider(),
            ProductCommandEnvelope.class, ProductEventEnvelope.class, ProductState.class);

    private ProductAggregate() {
    }
}
