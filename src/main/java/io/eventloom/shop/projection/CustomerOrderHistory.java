package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code customer-order-history} projection: customer id to the customer's orders, newest first; the
 * orders regrouped by customer. Its {@code version} is that of the order whose change last updated it.
 */
public final class CustomerOrderHistory {

    public static final ProjectionType<CustomerOrderHistoryRow> TYPE = ProjectionType.regroup(
            "customer-order-history", CustomerOrderHistoryRow.class, OrderSummary.ORDER_ROWS,
            OrderSummaryRow::getCustomerId, CustomerOrderHistory::empty, CustomerOrderHistory::add,
            CustomerOrderHistory::remove);

    private static final Comparator<CustomerOrder> NEWEST_FIRST = Comparator
            .comparing(CustomerOrder::getPlacedAt).reversed()
            .thenComparing(CustomerOrder::getOrderId);

    private CustomerOrderHistory() {
    }

    static CustomerOrderHistoryRow empty() {
        return new CustomerOrderHistoryRow("", List.of(), 0L);
    }

    /** The history with the order as it is now, in its place by time placed. */
    static CustomerOrderHistoryRow add(CustomerOrderHistoryRow history, OrderSummaryRow order) {
        List<CustomerOrder> orders = new ArrayList<>(without(history, order.getOrderId()));
        orders.add(new CustomerOrder(order.getOrderId(), order.getStatus(), order.getTotal(), order.getPlacedAt(),
                order.getVersion()));
        orders.sort(NEWEST_FIRST);
        return new CustomerOrderHistoryRow(order.getCustomerId(), orders, order.getVersion());
    }

    /** The history without the order: its old state, about to be replaced by {@link #add}. */
    static CustomerOrderHistoryRow remove(CustomerOrderHistoryRow history, OrderSummaryRow order) {
        return new CustomerOrderHistoryRow(history.getCustomerId(), without(history, order.getOrderId()),
                history.getVersion());
    }

    private static List<CustomerOrder> without(CustomerOrderHistoryRow history, String orderId) {
        return history.getOrders().stream().filter(entry -> !entry.getOrderId().equals(orderId)).toList();
    }
}
