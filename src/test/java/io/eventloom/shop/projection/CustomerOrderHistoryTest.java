package io.eventloom.shop.projection;

import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderStatus;
import org.junit.jupiter.api.Test;

import static io.eventloom.shop.projection.OrderRowsFixture.moved;
import static io.eventloom.shop.projection.OrderRowsFixture.placed;
import static io.eventloom.shop.projection.OrderRowsFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerOrderHistoryTest {

    @Test
    void givenTwoOrders_whenAdded_thenNewestPlacedComesFirst() {
        OrderSummaryRow older = row("o-1", placed());
        OrderSummaryRow newer = row("o-2", placed(), new OrderConfirmed());
        newer = OrderSummaryRow.newBuilder(newer).setPlacedAt(older.getPlacedAt().plusSeconds(60)).build();

        CustomerOrderHistoryRow history = CustomerOrderHistory.add(
                CustomerOrderHistory.add(CustomerOrderHistory.empty(), older), newer);

        assertThat(history.getCustomerId()).isEqualTo("c-1");
        assertThat(history.getOrders()).extracting(CustomerOrder::getOrderId).containsExactly("o-2", "o-1");
        assertThat(history.getVersion()).isEqualTo(2);
    }

    @Test
    void givenOrderChanged_whenOldSubtractedAndNewAdded_thenOneEntryWithTheNewStatus() {
        OrderSummaryRow placed = row("o-1", placed());
        OrderSummaryRow confirmed = moved(placed, OrderStatus.CONFIRMED, 2);
        CustomerOrderHistoryRow history = CustomerOrderHistory.add(CustomerOrderHistory.empty(), placed);

        history = CustomerOrderHistory.add(CustomerOrderHistory.remove(history, placed), confirmed);

        assertThat(history.getOrders()).singleElement().satisfies(entry -> {
            assertThat(entry.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(entry.getVersion()).isEqualTo(2);
        });
    }
}
