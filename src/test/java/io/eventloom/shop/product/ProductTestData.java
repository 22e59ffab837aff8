package io.eventloom.shop.product;

import io.eventloom.core.testing.DeciderSpec;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

import static io.eventloom.shop.TestMoney.eur;

/** A product "Mug" (SKU MUG-1) at 12.99 EUR, and the spec to test its decider. */
final class ProductTestData {

    static final String SKU = "MUG-1";
    static final String ORDER = "order-1";
    static final String OTHER_ORDER = "order-2";

    private ProductTestData() {
    }

    static DeciderSpec<SpecificRecord, SpecificRecord, ProductState> spec() {
        return DeciderSpec.of(new ProductDecider());
    }

    static CreateProduct create(int initialStock) {
        return new CreateProduct(SKU, "Mug", eur(1299), initialStock, null);
    }

    static ProductCreated created(int initialStock) {
        return new ProductCreated(SKU, "Mug", eur(1299), initialStock, null);
    }

    static ProductState.Builder activeState(long availableStock, Map<String, Integer> reservations) {
        return ProductState.newBuilder()
                .setStatus(ProductStatus.ACTIVE)
                .setSku(SKU)
                .setName("Mug")
                .setPrice(eur(1299))
                .setAvailableStock(availableStock)
                .setReservations(reservations);
    }
}
