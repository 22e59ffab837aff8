package io.eventloom.shop.customer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eventloom.shop.EnvelopeConvention.assertCommandEnvelope;
import static io.eventloom.shop.EnvelopeConvention.assertEventEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerAggregateTest {

    @Test
    void commandEnvelopeFollowsTheRuntimeConvention() {
        assertCommandEnvelope(CustomerCommandEnvelope.getClassSchema(),
                List.of("RegisterCustomer", "ChangeEmail", "ChangeShippingAddress", "Deactivate", "ApproveOrder"));
    }

    @Test
    void eventEnvelopeFollowsTheRuntimeConvention() {
        assertEventEnvelope(CustomerEventEnvelope.getClassSchema(),
                List.of("CustomerRegistered", "EmailChanged", "ShippingAddressChanged", "CustomerDeactivated"));
    }

    @Test
    void registersAsCustomerStartingFromNeverRegistered() {
        assertThat(CustomerAggregate.TYPE.name()).isEqualTo("customer");
        assertThat(CustomerAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(CustomerStatus.NONE);
    }
}
