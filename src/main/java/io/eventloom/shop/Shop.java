package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.fulfilment.OrderFulfilment;
import io.eventloom.shop.order.OrderAggregate;
import io.eventloom.shop.product.ProductAggregate;

import java.util.List;

/** The reference shop's aggregate types and processes, for the runtime to register. */
public final class Shop {

    private Shop() {
    }

    public static List<AggregateType<?>> aggregateTypes() {
        return List.of(ProductAggregate.TYPE, CustomerAggregate.TYPE, OrderAggregate.TYPE);
    }

    public static Domain domain() {
        return new Domain(aggregateTypes(), List.of(OrderFulfilment.TYPE));
    }
}
