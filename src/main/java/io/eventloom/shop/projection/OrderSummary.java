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
                    .build();
        }
        if (row == null) {
            throw new IllegalStateException("order " + event.aggregateId() + " has "
                    + payload.getClass().getSimpleName() + " before OrderPlaced");
        }
        return OrderSummaryRow.newBuilder(row)
                .setStatus(statusAfter(payload))
                .setUpdatedAt(event.occurredAt())
                .setVersion(event.version())
                .build();
    }

    /** The order row with the customer's name and email; they stay null while the customer row is missing. */
    static OrderSummaryRow withCustomer(OrderSummaryRow order, CustomerRow customer) {
        return OrderSummaryRow.newBuilder(order)
                .setCustomerName(customer == null ? null : customer.getName())
                .setCustomerEmail(customer == null ? null : customer.getEmail())
                .build();
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
