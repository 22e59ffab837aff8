package io.eventloom.shop.projection;

import io.eventloom.shop.customer.CustomerStatus;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderDelivered;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderShipped;
import io.eventloom.shop.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.projection.EventHistory.at;
import static io.eventloom.shop.projection.OrderRowsFixture.placed;
import static io.eventloom.shop.projection.OrderRowsFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

class OrderSummaryTest {

    @Test
    void givenPlaced_thenRowHasLinesTotalPlacedStatusAndNoCustomerDataYet() {
        OrderSummaryRow row = row("o-1", placed());

        assertThat(row.getCustomerId()).isEqualTo("c-1");
        assertThat(row.getLines()).hasSize(2);
        assertThat(row.getTotal()).isEqualTo(eur(3048));
        assertThat(row.getStatus()).isEqualTo(OrderStatus.PLACED);
        assertThat(row.getPlacedAt()).isEqualTo(at(1));
        assertThat(row.getUpdatedAt()).isEqualTo(at(1));
        assertThat(row.getCustomerName()).isNull();
        assertThat(row.getVersion()).isEqualTo(1);
    }

    @Test
    void givenConfirmedShippedDelivered_thenStatusUpdatedAtAndVersionFollowTheLastEvent() {
        OrderSummaryRow row = row("o-1", placed(), new OrderConfirmed(), new OrderShipped("TRACK-1"),
                new OrderDelivered());

        assertThat(row.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(row.getPlacedAt()).isEqualTo(at(1));
        assertThat(row.getUpdatedAt()).isEqualTo(at(4));
        assertThat(row.getVersion()).isEqualTo(4);
    }

    @Test
    void givenPlacedByPhone_whenConfirmedAndJoinedWithItsCustomer_thenRowKeepsTheChannel() {
        OrderSummaryRow row = row("o-1", new OrderPlaced("c-1", List.of(new OrderLine("mug", 1, eur(1299))),
                eur(1299), "phone"), new OrderConfirmed());
        CustomerRow customer = new CustomerRow("c-1", "Ada Lovelace", "ada@example.com", CustomerStatus.ACTIVE, 7L);

        assertThat(row.getSalesChannel()).isEqualTo("phone");
        assertThat(OrderSummary.withCustomer(row, customer).getSalesChannel()).isEqualTo("phone");
    }

    @Test
    void givenCancelled_thenStatusCancelled() {
        assertThat(row("o-1", placed(), new OrderCancelled("out of stock: MUG-1")).getStatus())
                .isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void givenCustomerRow_whenJoined_thenNameAndEmailComeFromItAndVersionStaysTheOrders() {
        CustomerRow customer = new CustomerRow("c-1", "Ada Lovelace", "ada@example.com", CustomerStatus.ACTIVE, 7L);

        OrderSummaryRow joined = OrderSummary.withCustomer(row("o-1", placed()), customer);

        assertThat(joined.getCustomerName()).isEqualTo("Ada Lovelace");
        assertThat(joined.getCustomerEmail()).isEqualTo("ada@example.com");
        assertThat(joined.getVersion()).isEqualTo(1);
    }

    @Test
    void givenNoCustomerRow_whenJoined_thenNameAndEmailStayNull() {
        OrderSummaryRow joined = OrderSummary.withCustomer(row("o-1", placed()), null);

        assertThat(joined.getCustomerName()).isNull();
        assertThat(joined.getCustomerEmail()).isNull();
    }
}
