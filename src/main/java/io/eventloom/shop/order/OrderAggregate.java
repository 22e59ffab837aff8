package io.eventloom.shop.order;

import io.eventloom.core.AggregateType;

/** Registers orders with the runtime: topics {@code shop.order.*}. */
public final class OrderAggregate {

    public static final AggregateType<OrderState> TYPE = new AggregateType<>("order", new OrderDecider(),
            OrderCommandEnvelope.class, OrderEventEnvelope.class, OrderState.class);

    private OrderAggregate() {
    }
}
