package io.eventloom.shop.customer;

import io.eventloom.core.testing.DeciderSpec;
import org.apache.avro.specific.SpecificRecord;

/** A customer Ada Lovelace (ada@example.com) living in Berlin, and the spec to test the customer decider. */
final class CustomerTestData {

    static final String NAME = "Ada Lovelace";
    static final String EMAIL = "ada@example.com";

    private CustomerTestData() {
    }

    static DeciderSpec<SpecificRecord, SpecificRecord, CustomerState> spec() {
        return DeciderSpec.of(new CustomerDecider());
    }

    static CustomerRegistered registered() {
        return new CustomerRegistered(NAME, EMAIL);
    }

    static Address berlin() {
        return new Address("Unter den Linden 1", "Berlin", "10117", "DE");
    }

    static CustomerState.Builder activeState() {
        return CustomerState.newBuilder()
                .setStatus(CustomerStatus.ACTIVE)
                .setName(NAME)
                .setEmail(EMAIL)
                .setShippingAddress(null);
    }
}
