package io.eventloom.shop.customer;

import io.eventloom.core.AggregateType;

/** Registers customers with the runtime: topics {@code shop.customer.*}. */
public final class CustomerAggregate {

    public static final AggregateType<CustomerState> TYPE = new AggregateType<>("customer", new CustomerDecider(),
            CustomerCommandEnvelope.class, CustomerEventEnvelope.class, CustomerState.class);

    private CustomerAggregate() {
    }
}
