package io.eventloom.cli.audit;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionType;
import io.eventloom.shop.Shop;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditScopeTest {

    private static final Domain SHOP = Shop.domain();

    @Test
    void givenNoType_whenScoped_thenEveryTypeAndProjection() {
        AuditScope scope = AuditScope.all(SHOP);

        assertThat(names(scope.audited())).containsExactly("product", "customer", "order");
        assertThat(scope.projections()).isEqualTo(SHOP.projections());
        assertThat(names(scope.read())).containsExactly("product", "customer", "order");
    }

    @Test
    void givenCustomer_whenScoped_thenItsProjectionsThroughTheJoinAndTheOrderEventsTheJoinNeeds() {
        AuditScope scope = AuditScope.of(SHOP, "customer");

        assertThat(names(scope.audited())).containsExactly("customer");
        assertThat(scope.projections()).extracting(ProjectionType::name)
                .containsExactly("customer-rows", "order-summary");
        assertThat(names(scope.read())).containsExactly("customer", "order");
    }

    @Test
    void givenProduct_whenScoped_thenItsFoldsAndTheRegroupOfOneOfThem() {
        AuditScope scope = AuditScope.of(SHOP, "product");

        assertThat(scope.projections()).extracting(ProjectionType::name)
                .containsExactly("product-catalog", "product-sales", "top-products");
        assertThat(names(scope.read())).containsExactly("product");
    }

    @Test
    void givenAnUnknownType_whenScoped_thenRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> AuditScope.of(SHOP, "invoice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown aggregate type 'invoice'; known: [product, customer, order]");
    }

    private static List<String> names(List<AggregateType<?>> types) {
        return types.stream().map(AggregateType::name).toList();
    }
}
