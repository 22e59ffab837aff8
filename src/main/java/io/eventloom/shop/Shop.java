package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionType;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.fulfilment.OrderFulfilment;
import io.eventloom.shop.order.OrderAggregate;
import io.eventloom.shop.product.ProductAggregate;
import io.eventloom.shop.projection.CustomerOrderHistory;
import io.eventloom.shop.projection.CustomerRows;
import io.eventloom.shop.projection.OrderSummary;
import io.eventloom.shop.projection.ProductCatalog;
import io.eventloom.shop.projection.ProductSales;
import io.eventloom.shop.projection.ShopStats;
import io.eventloom.shop.projection.TopProducts;

import java.time.Duration;
import java.util.List;

/** The reference shop's aggregate types, processes and projections, for the runtime to register. */
public final class Shop {

    private Shop() {
    }

    public static List<AggregateType<?>> aggregateTypes() {
        return List.of(ProductAggregate.TYPE, CustomerAggregate.TYPE, OrderAggregate.TYPE);
    }

    /** The shop with the saga's default step timeout. */
    public static Domain domain() {
        return domain(OrderFulfilment.DEFAULT_STEP_TIMEOUT);
    }

    /** The shop whose order-fulfilment saga gives up on a step after {@code sagaStepTimeout}. */
    public static Domain domain(Duration sagaStepTimeout) {
        return new Domain(aggregateTypes(), List.of(OrderFulfilment.type(sagaStepTimeout)), projections());
    }

    /**
     * The read models: the catalogue, order summaries with their customer, order histories, statistics, units
     * ordered per product and the best sellers.
     */
    public static List<ProjectionType<?>> projections() {
        return List.of(ProductCatalog.TYPE, CustomerRows.TYPE, OrderSummary.ORDER_ROWS, OrderSummary.TYPE,
                CustomerOrderHistory.TYPE, ShopStats.TYPE, ProductSales.TYPE, TopProducts.TYPE);
    }
}
