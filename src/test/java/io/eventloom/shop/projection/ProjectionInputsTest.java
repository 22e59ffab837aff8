package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a rebuild of each kind of shop projection has to compute again: itself and its inputs, each once. */
class ProjectionInputsTest {

    @Test
    void givenAFold_whenItsInputsAreAsked_thenItIsAlone() {
        assertThat(ProductCatalog.TYPE.withEverythingBuiltFrom()).containsExactly(ProductCatalog.TYPE);
    }

    @Test
    void givenAJoin_whenItsInputsAreAsked_thenBothSidesComeWithIt() {
        assertThat(OrderSummary.TYPE.withEverythingBuiltFrom()).extracting(ProjectionType::name)
                .containsExactly("order-summary", "order-rows", "customer-rows");
    }

    @Test
    void givenARegroup_whenItsInputsAreAsked_thenItsSourceComesWithIt() {
        assertThat(TopProducts.TYPE.withEverythingBuiltFrom()).extracting(ProjectionType::name)
                .containsExactly("top-products", "product-sales");
        assertThat(CustomerOrderHistory.TYPE.withEverythingBuiltFrom()).extracting(ProjectionType::name)
                .containsExactly("customer-order-history", "order-rows");
    }
}
