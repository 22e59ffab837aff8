package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopTest {

    @Test
    void registersProductCustomerAndOrder() {
        assertThat(Shop.aggregateTypes()).extracting(AggregateType::name)
                .containsExactly("product", "customer", "order");
    }
}
