package io.eventloom.shop.projection;

import io.eventloom.shop.customer.Address;
import io.eventloom.shop.customer.ContactEmailChanged;
import io.eventloom.shop.customer.CustomerDeactivated;
import io.eventloom.shop.customer.CustomerRegistered;
import io.eventloom.shop.customer.CustomerStatus;
import io.eventloom.shop.customer.ShippingAddressChanged;
import org.junit.jupiter.api.Test;

import static io.eventloom.shop.projection.EventHistory.fold;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerRowsTest {

    private static final CustomerRegistered REGISTERED = new CustomerRegistered("Ada Lovelace", "ada@example.com");

    @Test
    void givenRegisteredAndEmailChanged_thenRowHasNewEmail() {
        assertThat(fold(CustomerRows::apply, "c-1", REGISTERED, new ContactEmailChanged("ada@new.example")))
                .isEqualTo(new CustomerRow("c-1", "Ada Lovelace", "ada@new.example", CustomerStatus.ACTIVE, 2L));
    }

    @Test
    void givenShippingAddressChanged_thenOnlyTheVersionMoves() {
        CustomerRow row = fold(CustomerRows::apply, "c-1", REGISTERED,
                new ShippingAddressChanged(new Address("1 Main St", "Berlin", "10115", "DE")));

        assertThat(row).isEqualTo(new CustomerRow("c-1", "Ada Lovelace", "ada@example.com", CustomerStatus.ACTIVE, 2L));
    }

    @Test
    void givenDeactivated_thenRowIsDeactivated() {
        assertThat(fold(CustomerRows::apply, "c-1", REGISTERED, new CustomerDeactivated()).getStatus())
                .isEqualTo(CustomerStatus.DEACTIVATED);
    }
}
