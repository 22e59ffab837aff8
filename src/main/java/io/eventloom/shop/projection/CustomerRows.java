package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;
import io.eventloom.shop.customer.ContactEmailChanged;
import io.eventloom.shop.customer.CustomerDeactivated;
import io.eventloom.shop.customer.CustomerRegistered;
import io.eventloom.shop.customer.CustomerStatus;
import io.eventloom.shop.customer.ShippingAddressChanged;
import org.apache.avro.specific.SpecificRecord;

/** The {@code customer-rows} projection: customer id to name, email and status, for order-summary to join. */
public final class CustomerRows {

    public static final ProjectionType<CustomerRow> TYPE = ProjectionType.fold("customer-rows", CustomerRow.class,
            "customer", CustomerRows::apply);

    private CustomerRows() {
    }

    /** The row after one customer event; {@code row} is null before the customer's first event. */
    static CustomerRow apply(CustomerRow row, StoredEvent event) {
        SpecificRecord payload = event.payload();
        if (payload instanceof CustomerRegistered registered) {
            return new CustomerRow(event.aggregateId(), registered.getName(), registered.getEmail(),
                    CustomerStatus.ACTIVE, event.version());
        }
        if (row == null) {
            throw new IllegalStateException("customer " + event.aggregateId() + " has "
                    + payload.getClass().getSimpleName() + " before CustomerRegistered");
        }
        // Every event moves the row to its version, even a changed shipping address, which the row leaves out.
        CustomerRow.Builder next = copyOf(row).setVersion(event.version());
        if (payload instanceof ContactEmailChanged changed) {
            next.setEmail(changed.getEmail());
        } else if (payload instanceof CustomerDeactivated) {
            next.setStatus(CustomerStatus.DEACTIVATED);
        } else if (!(payload instanceof ShippingAddressChanged)) {
            throw new IllegalStateException("not a customer event: " + payload.getClass().getName());
        }
        return next.build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no row is ever mutated.
    private static CustomerRow.Builder copyOf(CustomerRow row) {
        return CustomerRow.newBuilder()
                .setCustomerId(row.getCustomerId())
                .setName(row.getName())
                .setEmail(row.getEmail())
                .setStatus(row.getStatus())
                .setVersion(row.getVersion());
    }
}
