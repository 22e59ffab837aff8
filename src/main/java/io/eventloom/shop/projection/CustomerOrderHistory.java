package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code customer-order-history} projection: customer id to the customer's newest {@value #KEPT} orders, newest
 * first, and the count of all of them; the orders regrouped by customer. Keeping only the newest bounds the row, so a
 * customer of many years costs what a new one does; every order stays readable in {@code order-summary}. Its
 * {@code version} is that of the order whose change last updated it.
 */
public final class CustomerOrderHistory {

    /** How many of a customer's orders the row lists, the newest placed. */
    public static final int KEPT = 50;

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
        return new CustomerOrderHistoryRow("", List.of(), 0L, 0L);
    }

    /**
     * The history with the order as it is now, counted, and listed in its place by time placed if it is among the
     * newest {@value #KEPT}; an order older than every one of a full list leaves the list as it is.
     */
    static CustomerOrderHistoryRow add(CustomerOrderHistoryRow history, OrderSummaryRow order) {
        List<CustomerOrder> orders = new ArrayList<>(without(history.getOrders(), order.getOrderId()));
        orders.add(new CustomerOrder(order.getOrderId(), order.getStatus(), order.getTotal(), order.getPlacedAt(),
                order.getVersion()));
        orders.sort(NEWEST_FIRST);
        List<CustomerOrder> newest = List.copyOf(orders.subList(0, Math.min(KEPT, orders.size())));
        return new CustomerOrderHistoryRow(order.getCustomerId(), newest, history.getOrderCount() + 1,
                order.getVersion());
    }

    /**
     * The history without the order: its old state, about to be replaced by {@link #add} (Kafka Streams applies both
     * for one change, so a full list is full again after it). An order not listed (older than the kept ones) changes
     * only the count.
     */
    static CustomerOrderHistoryRow remove(CustomerOrderHistoryRow history, OrderSummaryRow order) {
        return new CustomerOrderHistoryRow(history.getCustomerId(), without(history.getOrders(), order.getOrderId()),
                history.getOrderCount() - 1, history.getVersion());
    }

    private static List<CustomerOrder> without(List<CustomerOrder> orders, String orderId) {
        return orders.stream().anyMatch(entry -> entry.getOrderId().equals(orderId))
                ? orders.stream().filter(entry -> !entry.getOrderId().equals(orderId)).toList()
                : orders;
    }
}
