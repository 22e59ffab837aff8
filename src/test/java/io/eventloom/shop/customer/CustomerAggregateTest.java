package io.eventloom.shop.customer;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerAggregateTest {

    // Union branch order is part of the binary encoding: new payloads may only be appended.
    @Test
    void givenCommandEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(CustomerCommandEnvelope.getClassSchema()))
                .containsExactly("RegisterCustomer", "ChangeEmail", "ChangeShippingAddress", "Deactivate",
                        "ApproveOrder");
    }

    @Test
    void givenEventEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(CustomerEventEnvelope.getClassSchema()))
                .containsExactly("CustomerRegistered", "EmailChanged", "ShippingAddressChanged", "CustomerDeactivated",
                        "ContactEmailChanged");
    }

    @Test
    void registersAsCustomerStartingFromNeverRegistered() {
        assertThat(CustomerAggregate.TYPE.name()).isEqualTo("customer");
        assertThat(CustomerAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(CustomerStatus.NONE);
    }

    private static List<String> payloads(Schema envelope) {
        return envelope.getField("payload").schema().getTypes().stream().map(Schema::getName).toList();
    }
}
