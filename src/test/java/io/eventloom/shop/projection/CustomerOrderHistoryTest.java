package io.eventloom.shop.projection;

import io.eventloom.shop.AvroSize;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.eventloom.shop.projection.OrderRowsFixture.moved;
import static io.eventloom.shop.projection.OrderRowsFixture.placed;
import static io.eventloom.shop.projection.OrderRowsFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerOrderHistoryTest {

    @Test
    void givenTwoOrders_whenAdded_thenNewestPlacedComesFirst() {
        OrderSummaryRow older = row("o-1", placed());
        OrderSummaryRow newer = row("o-2", placed(), new OrderConfirmed());
        newer = OrderRowsFixture.placedAt(newer, older.getPlacedAt().plusSeconds(60));

        CustomerOrderHistoryRow history = CustomerOrderHistory.add(
                CustomerOrderHistory.add(CustomerOrderHistory.empty(), older), newer);

        assertThat(history.getCustomerId()).isEqualTo("c-1");
        assertThat(history.getOrders()).extracting(CustomerOrder::getOrderId).containsExactly("o-2", "o-1");
        assertThat(history.getOrderCount()).isEqualTo(2);
        assertThat(history.getVersion()).isEqualTo(2);
    }

    @Test
    void givenOrderChanged_whenOldSubtractedAndNewAdded_thenOneEntryWithTheNewStatus() {
        OrderSummaryRow placed = row("o-1", placed());
        OrderSummaryRow confirmed = moved(placed, OrderStatus.CONFIRMED, 2);
        CustomerOrderHistoryRow history = CustomerOrderHistory.add(CustomerOrderHistory.empty(), placed);

        history = change(history, placed, confirmed);

        assertThat(history.getOrders()).singleElement().satisfies(entry -> {
            assertThat(entry.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(entry.getVersion()).isEqualTo(2);
        });
        assertThat(history.getOrderCount()).isEqualTo(1);
    }

    @Test
    void givenMoreOrdersThanKept_thenTheNewestAreListedAndAllCounted() {
        CustomerOrderHistoryRow history = history(60);

        assertThat(history.getOrders()).extracting(CustomerOrder::getOrderId)
                .containsExactlyElementsOf(ids(60, 11));
        assertThat(history.getOrderCount()).isEqualTo(60);
    }

    @Test
    void givenFullHistory_whenNewerOrderAdded_thenTheOldestListedFallsOff() {
        CustomerOrderHistoryRow history = CustomerOrderHistory.add(history(60), order(61));

        assertThat(history.getOrders()).extracting(CustomerOrder::getOrderId).containsExactlyElementsOf(ids(61, 12));
        assertThat(history.getOrderCount()).isEqualTo(61);
    }

    @Test
    void givenFullHistory_whenOrderOlderThanAllListedChanges_thenOnlyTheCountMovesAndComesBack() {
        CustomerOrderHistoryRow before = history(60);
        OrderSummaryRow old = order(3);

        CustomerOrderHistoryRow subtracted = CustomerOrderHistory.remove(before, old);
        CustomerOrderHistoryRow after = CustomerOrderHistory.add(subtracted, moved(old, OrderStatus.DELIVERED, 4));

        assertThat(subtracted.getOrders()).isEqualTo(before.getOrders());
        assertThat(subtracted.getOrderCount()).isEqualTo(59);
        assertThat(after.getOrders()).isEqualTo(before.getOrders());
        assertThat(after.getOrderCount()).isEqualTo(60);
    }

    @Test
    void givenFullHistory_whenOrderOlderThanAllListedArrivesLate_thenListAsItWasAndCounted() {
        CustomerOrderHistoryRow before = history(60);
        OrderSummaryRow late = placedAt(row("o-late", placed()), 0);

        CustomerOrderHistoryRow after = CustomerOrderHistory.add(before, late);

        assertThat(after.getOrders()).isEqualTo(before.getOrders());
        assertThat(after.getOrderCount()).isEqualTo(61);
    }

    @Test
    void givenFullHistory_whenListedOrderChanges_thenItsEntryChangesInPlaceAndTheListStaysFull() {
        CustomerOrderHistoryRow before = history(60);
        OrderSummaryRow listed = order(30);

        CustomerOrderHistoryRow subtracted = CustomerOrderHistory.remove(before, listed);
        CustomerOrderHistoryRow after = CustomerOrderHistory.add(subtracted, moved(listed, OrderStatus.CANCELLED, 2));

        assertThat(subtracted.getOrders()).hasSize(CustomerOrderHistory.KEPT - 1)
                .extracting(CustomerOrder::getOrderId).doesNotContain(id(30));
        assertThat(after.getOrders()).extracting(CustomerOrder::getOrderId).containsExactlyElementsOf(ids(60, 11));
        assertThat(after.getOrders()).filteredOn(entry -> entry.getOrderId().equals(id(30)))
                .extracting(CustomerOrder::getStatus).containsExactly(OrderStatus.CANCELLED);
        assertThat(after.getOrderCount()).isEqualTo(60);
    }

    @Test
    void givenCustomerWith10000OrdersPlacedConfirmedAndShipped_thenRowSizeStaysAsWhenTheListFirstFilled() {
        CustomerOrderHistoryRow history = CustomerOrderHistory.empty();
        int sizeAtHundred = 0;
        for (int n = 1; n <= 10_000; n++) {
            OrderSummaryRow placed = order(n);
            OrderSummaryRow confirmed = moved(placed, OrderStatus.CONFIRMED, 2);
            history = change(CustomerOrderHistory.add(history, placed), placed, confirmed);
            history = change(history, confirmed, moved(confirmed, OrderStatus.SHIPPED, 3));
            if (n == 100) {
                sizeAtHundred = AvroSize.of(history);
            }
        }

        assertThat(history.getOrders()).extracting(CustomerOrder::getOrderId).containsExactlyElementsOf(
                ids(10_000, 10_000 - CustomerOrderHistory.KEPT + 1));
        assertThat(history.getOrderCount()).isEqualTo(10_000);
        // Only the count's varint grows, from 2 bytes (100) to 3 (10,000); the ids and times are fixed width.
        assertThat(AvroSize.of(history)).isBetween(sizeAtHundred, sizeAtHundred + 2);
    }

    /** A history of orders 1..n of one customer, placed a second apart in that order. */
    private static CustomerOrderHistoryRow history(int n) {
        CustomerOrderHistoryRow history = CustomerOrderHistory.empty();
        for (int i = 1; i <= n; i++) {
            history = CustomerOrderHistory.add(history, order(i));
        }
        return history;
    }

    private static OrderSummaryRow order(int n) {
        return placedAt(row(id(n), placed()), n);
    }

    private static OrderSummaryRow placedAt(OrderSummaryRow row, int second) {
        return OrderRowsFixture.placedAt(row, EventHistory.START.plusSeconds(second));
    }

    private static String id(int n) {
        return String.format("o-%05d", n);
    }

    /** Order ids from {@code newest} down to {@code oldest}. */
    private static List<String> ids(int newest, int oldest) {
        return IntStream.iterate(newest, n -> n >= oldest, n -> n - 1).mapToObj(CustomerOrderHistoryTest::id).toList();
    }

    private static CustomerOrderHistoryRow change(CustomerOrderHistoryRow history, OrderSummaryRow before,
                                                  OrderSummaryRow after) {
        return CustomerOrderHistory.add(CustomerOrderHistory.remove(history, before), after);
    }
}
