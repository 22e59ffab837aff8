package io.eventloom.shop.projection;

import io.eventloom.shop.product.PriceChanged;
import io.eventloom.shop.product.ProductCreated;
import io.eventloom.shop.product.ProductDiscontinued;
import io.eventloom.shop.product.ProductStatus;
import io.eventloom.shop.product.ReservationSettled;
import io.eventloom.shop.product.StockReleased;
import io.eventloom.shop.product.StockReserved;
import io.eventloom.shop.product.StockRestocked;
import org.junit.jupiter.api.Test;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.projection.EventHistory.event;
import static io.eventloom.shop.projection.EventHistory.fold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductCatalogTest {

    private static final ProductCreated CREATED = new ProductCreated("MUG-1", "Mug", eur(1299), 10, null);

    @Test
    void givenCreated_thenRowHoldsCatalogueDataAndAllStockAvailable() {
        assertThat(fold(ProductCatalog::apply, "p-1", CREATED)).isEqualTo(new ProductCatalogRow("p-1", "MUG-1", "Mug",
                eur(1299), 10L, 0L, ProductStatus.ACTIVE, 1L, null));
    }

    @Test
    void givenCreatedInACategory_whenStockAndPriceChange_thenRowKeepsTheCategory() {
        ProductCatalogRow row = fold(ProductCatalog::apply, "p-1",
                new ProductCreated("MUG-1", "Mug", eur(1299), 10, "kitchen"), new StockRestocked(5),
                new PriceChanged(eur(1499), eur(1299)));

        assertThat(row.getCategory()).isEqualTo("kitchen");
        assertThat(row.getVersion()).isEqualTo(3);
    }

    @Test
    void givenStockReservedRestockedAndReleased_thenAvailableAndReservedFollowAtLatestVersion() {
        ProductCatalogRow row = fold(ProductCatalog::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new StockReserved("o-2", 2), new StockRestocked(5), new StockReleased("o-1", 3));

        assertThat(row.getAvailableStock()).isEqualTo(13);
        assertThat(row.getReservedStock()).isEqualTo(2);
        assertThat(row.getVersion()).isEqualTo(5);
    }

    @Test
    void givenReservationSettled_thenReservedFallsAndAvailableStaysAsReservationLeftIt() {
        ProductCatalogRow row = fold(ProductCatalog::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new StockReserved("o-2", 2), new ReservationSettled("o-1", 3));

        assertThat(row.getAvailableStock()).isEqualTo(5);
        assertThat(row.getReservedStock()).isEqualTo(2);
        assertThat(row.getVersion()).isEqualTo(4);
    }

    @Test
    void givenPriceChangedAndDiscontinued_thenRowHasNewPriceAndStatus() {
        ProductCatalogRow row = fold(ProductCatalog::apply, "p-1", CREATED, new PriceChanged(eur(1499), eur(1299)),
                new ProductDiscontinued());

        assertThat(row.getPrice()).isEqualTo(eur(1499));
        assertThat(row.getStatus()).isEqualTo(ProductStatus.DISCONTINUED);
    }

    @Test
    void givenNoRow_whenEventOtherThanCreated_thenItIsABug() {
        assertThatThrownBy(() -> ProductCatalog.apply(null, event("p-1", 1, new StockRestocked(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before ProductCreated");
    }
}
