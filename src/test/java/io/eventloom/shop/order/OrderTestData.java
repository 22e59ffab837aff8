package io.eventloom.shop.order;

import io.eventloom.core.testing.DeciderSpec;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

import static io.eventloom.shop.TestMoney.eur;

/** An order of two mugs at 12.99 EUR and one tea at 4.50 EUR (30.48 EUR), and the spec to test the order decider. */
final class OrderTestData {

    static final String CUSTOMER = "customer-1";
    static final String TRACKING = "1Z999AA10123456784";

    private OrderTestData() {
    }

    static DeciderSpec<SpecificRecord, SpecificRecord, OrderState> spec() {
        return DeciderSpec.of(new OrderDecider());
    }

    static OrderLine mugs() {
        return new OrderLine("product-mug", 2, eur(1299));
    }

    static OrderLine tea() {
        return new OrderLine("product-tea", 1, eur(450));
    }

    static PlaceOrder place() {
        return new PlaceOrder(CUSTOMER, List.of(mugs(), tea()), "web");
    }

    static OrderPlaced placed() {
        return new OrderPlaced(CUSTOMER, List.of(mugs(), tea()), eur(3048), "web");
    }

    static OrderState.Builder placedState() {
        return OrderState.newBuilder()
                .setStatus(OrderStatus.PLACED)
                .setCustomerId(CUSTOMER)
                .setLines(List.of(mugs(), tea()))
                .setTotal(eur(3048))
                .setTrackingNumber(null)
                .setCancellationReason(null);
    }
}
