package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import io.eventloom.core.ProjectionType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopTest {

    @Test
    void registersProductCustomerAndOrder() {
        assertThat(Shop.aggregateTypes()).extracting(AggregateType::name)
                .containsExactly("product", "customer", "order");
    }

    @Test
    void registersTheProjectionsAndTheRowsTheyAreBuiltFrom() {
        assertThat(Shop.domain().projections()).extracting(ProjectionType::name).containsExactly("product-catalog",
                "customer-rows", "order-rows", "order-summary", "customer-order-history", "shop-stats",
                "product-sales", "top-products");
    }
}
