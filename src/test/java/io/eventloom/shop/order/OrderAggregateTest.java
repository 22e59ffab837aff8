package io.eventloom.shop.order;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderAggregateTest {

    // Union branch order is part of the binary encoding: new payloads may only be appended.
    @Test
    void givenCommandEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(OrderCommandEnvelope.getClassSchema()))
                .containsExactly("PlaceOrder", "ConfirmOrder", "ShipOrder", "DeliverOrder", "CancelOrder");
    }

    @Test
    void givenEventEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(OrderEventEnvelope.getClassSchema()))
                .containsExactly("OrderPlaced", "OrderConfirmed", "OrderShipped", "OrderDelivered", "OrderCancelled");
    }

    @Test
    void registersAsOrderStartingFromNeverPlaced() {
        assertThat(OrderAggregate.TYPE.name()).isEqualTo("order");
        assertThat(OrderAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(OrderStatus.NONE);
    }

    private static List<String> payloads(Schema envelope) {
        return envelope.getField("payload").schema().getTypes().stream().map(Schema::getName).toList();
    }
}
