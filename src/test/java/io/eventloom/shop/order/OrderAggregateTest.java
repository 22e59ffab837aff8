package io.eventloom.shop.order;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eventloom.shop.EnvelopeConvention.assertCommandEnvelope;
import static io.eventloom.shop.EnvelopeConvention.assertEventEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

class OrderAggregateTest {

    @Test
    void commandEnvelopeFollowsTheRuntimeConvention() {
        assertCommandEnvelope(OrderCommandEnvelope.getClassSchema(),
                List.of("PlaceOrder", "ConfirmOrder", "ShipOrder", "DeliverOrder", "CancelOrder"));
    }

    @Test
    void eventEnvelopeFollowsTheRuntimeConvention() {
        assertEventEnvelope(OrderEventEnvelope.getClassSchema(),
                List.of("OrderPlaced", "OrderConfirmed", "OrderShipped", "OrderDelivered", "OrderCancelled"));
    }

    @Test
    void registersAsOrderStartingFromNeverPlaced() {
        assertThat(OrderAggregate.TYPE.name()).isEqualTo("order");
        assertThat(OrderAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(OrderStatus.NONE);
    }
}
