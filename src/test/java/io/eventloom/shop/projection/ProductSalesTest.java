package io.eventloom.shop.projection;

import io.eventloom.shop.product.PriceChanged;
import io.eventloom.shop.product.ProductCreated;
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

class ProductSalesTest {

    private static final ProductCreated CREATED = new ProductCreated("MUG-1", "Mug", eur(1299), 10, null);

    @Test
    void givenCreated_thenNoUnitsOrdered() {
        assertThat(fold(ProductSales::apply, "p-1", CREATED)).isEqualTo(new ProductSalesRow("p-1", "MUG-1", 0L, 1L));
    }

    @Test
    void givenReservations_thenUnitsOrderedAddUp() {
        ProductSalesRow row = fold(ProductSales::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new StockReserved("o-2", 2));

        assertThat(row.getUnitsOrdered()).isEqualTo(5);
        assertThat(row.getVersion()).isEqualTo(3);
    }

    @Test
    void givenReservationReleased_thenItsUnitsAreTakenBack() {
        ProductSalesRow row = fold(ProductSales::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new StockReserved("o-2", 2), new StockReleased("o-1", 3));

        assertThat(row.getUnitsOrdered()).isEqualTo(2);
    }

    @Test
    void givenReservationSettled_thenItsUnitsStaySold() {
        ProductSalesRow row = fold(ProductSales::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new ReservationSettled("o-1", 3));

        assertThat(row.getUnitsOrdered()).isEqualTo(3);
        assertThat(row.getVersion()).isEqualTo(3);
    }

    @Test
    void givenRestockAndPriceChange_thenUnitsUnchangedAtTheLatestVersion() {
        ProductSalesRow row = fold(ProductSales::apply, "p-1", CREATED, new StockReserved("o-1", 3),
                new StockRestocked(5), new PriceChanged(eur(1499), eur(1299)));

        assertThat(row).isEqualTo(new ProductSalesRow("p-1", "MUG-1", 3L, 4L));
    }

    @Test
    void givenNoRow_whenEventOtherThanCreated_thenItIsABug() {
        assertThatThrownBy(() -> ProductSales.apply(null, event("p-1", 1, new StockReserved("o-1", 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before ProductCreated");
    }
}
