package io.eventloom.shop.projection;

import io.eventloom.shop.Money;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderStatus;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;

import static io.eventloom.shop.TestMoney.eur;

/** Order rows for the regrouping projections: two mugs at 12.99 EUR and one tea at 4.50 EUR make 30.48 EUR. */
final class OrderRowsFixture {

    static final String CUSTOMER = "c-1";

    private OrderRowsFixture() {
    }

    static OrderPlaced placed() {
        return placed(CUSTOMER, List.of(new OrderLine("mug", 2, eur(1299)), new OrderLine("tea", 1, eur(450))),
                eur(3048));
    }

    static OrderPlaced placed(String customerId, List<OrderLine> lines, Money total) {
        return new OrderPlaced(customerId, lines, total, "web");
    }

    /** The order row after these events, as order-rows holds it. */
    static OrderSummaryRow row(String orderId, SpecificRecord... events) {
        return EventHistory.fold(OrderSummary::apply, orderId, events);
    }

    /** The same row moved to another status and version, as a later event would leave it. */
    static OrderSummaryRow moved(OrderSummaryRow row, OrderStatus status, long version) {
        return changed(row, status, row.getPlacedAt(), version);
    }

    /** The same row, placed at another time. */
    static OrderSummaryRow placedAt(OrderSummaryRow row, Instant placedAt) {
        return changed(row, row.getStatus(), placedAt, row.getVersion());
    }

    // Every field given, no newBuilder(row): a builder's copy would need a JVM-wide Avro trust for the row's nested
    // generated classes, which Eventloom does not install.
    private static OrderSummaryRow changed(OrderSummaryRow row, OrderStatus status, Instant placedAt, long version) {
        return new OrderSummaryRow(row.getOrderId(), row.getCustomerId(), row.getCustomerName(),
                row.getCustomerEmail(), row.getLines(), row.getTotal(), status, placedAt, row.getUpdatedAt(), version,
                row.getSalesChannel());
    }
}
