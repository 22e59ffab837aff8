package io.eventloom.shop.customer;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Upcaster;

/** Registers customers with the runtime: topics {@code shop.customer.*}. */
public final class CustomerAggregate {

    /** EmailChanged copied the previous address into every change; its replacement holds only the new one. */
    public static final Upcaster<EmailChanged> EMAIL_CHANGED = Upcaster.of(EmailChanged.class,
            old -> new ContactEmailChanged(old.getEmail()));

    public static final AggregateType<CustomerState> TYPE = new AggregateType<>("customer", new CustomerDecider(),
            CustomerCommandEnvelope.class, CustomerEventEnvelope.class, CustomerState.class)
            .withUpcasters(EMAIL_CHANGED);

    private CustomerAggregate() {
    }
}
