package io.eventloom.shop.customer;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static io.eventloom.shop.customer.CustomerTestData.EMAIL;
import static io.eventloom.shop.customer.CustomerTestData.NAME;
import static io.eventloom.shop.customer.CustomerTestData.activeState;
import static io.eventloom.shop.customer.CustomerTestData.berlin;
import static io.eventloom.shop.customer.CustomerTestData.registered;
import static io.eventloom.shop.customer.CustomerTestData.spec;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CustomerDeciderTest {

    private final CustomerDecider decider = new CustomerDecider();

    @Test
    void givenNothing_whenRegister_thenCustomerRegisteredAndActive() {
        spec().when(new RegisterCustomer(NAME, EMAIL))
                .thenEvents(registered())
                .thenState(activeState().build());
    }

    @Test
    void givenRegisteredCustomer_whenRegisterAgain_thenRejectedAlreadyExists() {
        spec().given(registered()).when(new RegisterCustomer(NAME, EMAIL)).thenRejected("ALREADY_EXISTS");
    }

    @Test
    void givenNothing_whenRegisterWithBlankNameAndBadEmail_thenRejectedNamingBoth() {
        spec().when(new RegisterCustomer("  ", "ada"))
                .thenRejected("VALIDATION_FAILED", "name must not be blank")
                .thenRejected("VALIDATION_FAILED", "email must be an email address");
    }

    static Stream<SpecificRecord> commandsOtherThanRegister() {
        return Stream.of(new ChangeEmail(EMAIL), new ChangeShippingAddress(berlin()), new Deactivate(),
                new ApproveOrder("order-1"));
    }

    @ParameterizedTest
    @MethodSource("commandsOtherThanRegister")
    void givenNothing_whenAnyCommandButRegister_thenRejectedNotFound(SpecificRecord command) {
        spec().when(command).thenRejected("NOT_FOUND");
    }

    @Test
    void givenRegisteredCustomer_whenChangeEmail_thenContactEmailChangedWithTheNewAddressOnly() {
        spec().given(registered()).when(new ChangeEmail("ada@lovelace.org"))
                .thenEvents(new ContactEmailChanged("ada@lovelace.org"))
                .thenState(activeState().setEmail("ada@lovelace.org").build());
    }

    @Test
    void givenRegisteredCustomer_whenChangeEmailToCurrentEmail_thenNothingHappens() {
        spec().given(registered()).when(new ChangeEmail(EMAIL)).thenNothingHappens();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada.lovelace+shop@mail.example.co.uk", "a@b.io", "o'brien@example.ie"})
    void givenRegisteredCustomer_whenChangeEmailToWellFormedAddress_thenContactEmailChanged(String email) {
        spec().given(registered()).when(new ChangeEmail(email)).thenEvents(new ContactEmailChanged(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com",
            "ada lovelace@example.com", " ada@example.com", "ada@-example.com", "ada@example.c0m"})
    void givenRegisteredCustomer_whenChangeEmailToMalformedAddress_thenRejectedValidationFailed(String email) {
        spec().given(registered()).when(new ChangeEmail(email)).thenRejected("VALIDATION_FAILED", "email");
    }

    @Test
    void givenRegisteredCustomer_whenChangeEmailToOverlongAddress_thenRejectedValidationFailed() {
        String overlong = "a".repeat(250) + "@example.com";
        spec().given(registered()).when(new ChangeEmail(overlong)).thenRejected("VALIDATION_FAILED", "email");
    }

    @Test
    void givenRegisteredCustomer_whenChangeShippingAddress_thenShippingAddressChanged() {
        spec().given(registered()).when(new ChangeShippingAddress(berlin()))
                .thenEvents(new ShippingAddressChanged(berlin()))
                .thenState(activeState().setShippingAddress(berlin()).build());
    }

    @Test
    void givenShippingAddress_whenChangeToSameAddress_thenNothingHappens() {
        spec().given(registered(), new ShippingAddressChanged(berlin()))
                .when(new ChangeShippingAddress(berlin()))
                .thenNothingHappens();
    }

    @Test
    void givenRegisteredCustomer_whenChangeShippingAddressWithBlankCityAndBadCountry_thenRejectedNamingBoth() {
        spec().given(registered())
                .when(new ChangeShippingAddress(new Address("Unter den Linden 1", "", "10117", "Germany")))
                .thenRejected("VALIDATION_FAILED", "address.city")
                .thenRejected("VALIDATION_FAILED", "address.country");
    }

    @Test
    void givenRegisteredCustomer_whenDeactivate_thenCustomerDeactivated() {
        spec().given(registered()).when(new Deactivate())
                .thenEvents(new CustomerDeactivated())
                .thenState(activeState().setStatus(CustomerStatus.DEACTIVATED).build());
    }

    @Test
    void givenActiveCustomer_whenApproveOrder_thenAcceptedWithoutEvents() {
        spec().given(registered()).when(new ApproveOrder("order-1")).thenNothingHappens();
    }

    @Test
    void givenDeactivatedCustomer_whenApproveOrder_thenRejectedCustomerInactive() {
        spec().given(registered(), new CustomerDeactivated()).when(new ApproveOrder("order-1"))
                .thenRejected("CUSTOMER_INACTIVE", "order-1");
    }

    @Test
    void givenDeactivatedCustomer_whenDeactivateAgain_thenNothingHappens() {
        spec().given(registered(), new CustomerDeactivated()).when(new Deactivate()).thenNothingHappens();
    }

    @Test
    void givenDeactivatedCustomer_whenChangeEmail_thenRejectedInvalidState() {
        spec().given(registered(), new CustomerDeactivated()).when(new ChangeEmail("ada@lovelace.org"))
                .thenRejected("INVALID_STATE", "deactivated");
    }

    @Test
    void givenDeactivatedCustomer_whenChangeShippingAddress_thenRejectedInvalidState() {
        spec().given(registered(), new CustomerDeactivated()).when(new ChangeShippingAddress(berlin()))
                .thenRejected("INVALID_STATE", "deactivated");
    }

    @Test
    void givenDeactivatedCustomer_whenRegisterAgain_thenRejectedAlreadyExists() {
        spec().given(registered(), new CustomerDeactivated()).when(new RegisterCustomer(NAME, EMAIL))
                .thenRejected("ALREADY_EXISTS");
    }

    @Test
    void whenCommandOfAnotherAggregate_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.decide(new CustomerRegistered(NAME, EMAIL), decider.initialState()))
                .withMessageContaining("CustomerRegistered");
    }

    @Test
    void whenEvolvingWithACommand_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.evolve(decider.initialState(), new Deactivate()))
                .withMessageContaining("Deactivate");
    }
}
