package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderDelivered;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderShipped;
import io.eventloom.shop.order.OrderStatus;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code order-summary} projection: order id to the order joined with its customer's current name and
 * email. It is built on {@code order-rows}, the orders alone, which the history and statistics regroup.
 */
public final class OrderSummary {

    public static final ProjectionType<OrderSummaryRow> ORDER_ROWS = ProjectionType.fold("order-rows",
            OrderSummaryRow.class, "order", OrderSummary::apply);
    public static final ProjectionType<OrderSummaryRow> TYPE = ProjectionType.join("order-summary",
            OrderSummaryRow.class, ORDER_ROWS, CustomerRows.TYPE, OrderSummaryRow::getCustomerId,
            OrderSummary::withCustomer);

    private OrderSummary() {
    }

    /** The order row after one order event, without customer data; {@code row} is null before the first. */
    static OrderSummaryRow apply(OrderSummaryRow row, StoredEvent event) {
        SpecificRecord payload = event.payload();
        if (payload instanceof OrderPlaced placed) {
            return OrderSummaryRow.newBuilder()
                    .setOrderId(event.aggregateId())
                    .setCustomerId(placed.getCustomerId())
                    .setCustomerName(null)
                    .setCustomerEmail(null)
                    .setLines(placed.getLines())
                    .setTotal(placed.getTotal())
                    .setStatus(OrderStatus.PLACED)
                    .setPlacedAt(event.occurredAt())
                    .setUpdatedAt(event.occurredAt())
                    .setVersion(event.version())
                    .setSalesChannel(placed.getSalesChannel())
                    .build();
        }
        if (row == null) {
            throw new IllegalStateException("order " + event.aggregateId() + " has "
                    + payload.getClass().getSimpleName() + " before OrderPlaced");
        }
        return copyOf(row)
                .setStatus(statusAfter(payload))
                .setUpdatedAt(event.occurredAt())
                .setVersion(event.version())
                .build();
    }

    /** The order row with the customer's name and email; they stay null while the customer row is missing. */
    static OrderSummaryRow withCustomer(OrderSummaryRow order, CustomerRow customer) {
        return copyOf(order)
                .setCustomerName(customer == null ? null : customer.getName())
                .setCustomerEmail(customer == null ? null : customer.getEmail())
                .build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no row is ever mutated.
    private static OrderSummaryRow.Builder copyOf(OrderSummaryRow row) {
        return OrderSummaryRow.newBuilder()
                .setOrderId(row.getOrderId())
                .setCustomerId(row.getCustomerId())
                .setCustomerName(row.getCustomerName())
                .setCustomerEmail(row.getCustomerEmail())
                .setLines(row.getLines())
                .setTotal(row.getTotal())
                .setStatus(row.getStatus())
                .setPlacedAt(row.getPlacedAt())
                .setUpdatedAt(row.getUpdatedAt())
                .setVersion(row.getVersion())
                .setSalesChannel(row.getSalesChannel());
    }

    private static OrderStatus statusAfter(SpecificRecord payload) {
        if (payload instanceof OrderConfirmed) {
            return OrderStatus.CONFIRMED;
        }
        if (payload instanceof OrderShipped) {
            return OrderStatus.SHIPPED;
        }
        if (payload instanceof OrderDelivered) {
            return OrderStatus.DELIVERED;
        }
        if (payload instanceof OrderCancelled) {
            return OrderStatus.CANCELLED;
        }
        throw new IllegalStateException("not an order event after placing: " + payload.getClass().getName());
    }
}
