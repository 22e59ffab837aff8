package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.order.OrderAggregate;
import io.eventloom.shop.product.ProductAggregate;

import java.util.List;

/** The reference shop's aggregate types, for the runtime to register. */
public final class Shop {

    private Shop() {
    }

    public static List<AggregateType<?>> aggregateTypes() {
        return List.of(ProductAggregate.TYPE, CustomerAggregate.TYPE, OrderAggregate.TYPE);
    }
}
