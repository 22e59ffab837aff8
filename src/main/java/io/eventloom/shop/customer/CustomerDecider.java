package io.eventloom.shop.customer;

import io.eventloom.core.Decider;
import io.eventloom.core.Decision;
import io.eventloom.shop.Validation;
import org.apache.avro.specific.SpecificRecord;

import java.util.regex.Pattern;

import static io.eventloom.shop.RejectionCodes.ALREADY_EXISTS;
import static io.eventloom.shop.RejectionCodes.CUSTOMER_INACTIVE;
import static io.eventloom.shop.RejectionCodes.INVALID_STATE;
import static io.eventloom.shop.RejectionCodes.NOT_FOUND;

/** Decides customer commands: registration, contact and shipping details, deactivation for good. */
public final class CustomerDecider implements Decider<SpecificRecord, SpecificRecord, CustomerState> {

    // Deliberately loose: a local part without '@' or spaces, and a domain of dotted labels ending in letters.
    // Whether the address really receives mail only a confirmation mail can tell.
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}");
    // The longest address SMTP can deliver to (RFC 5321 path limit).
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @Override
    public CustomerState initialState() {
        // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
        // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
        return CustomerState.newBuilder()
                .setStatus(CustomerStatus.NONE)
                .setName("")
                .setEmail("")
                .setShippingAddress(null)
                .build();
    }

    @Override
    public Decision<SpecificRecord> decide(SpecificRecord command, CustomerState state) {
        if (command instanceof RegisterCustomer register) {
            return register(register, state);
        }
        if (command instanceof ChangeEmail change) {
            return isRegistered(state) ? changeEmail(change, state) : notFound();
        }
        if (command instanceof ChangeShippingAddress change) {
            return isRegistered(state) ? changeShippingAddress(change, state) : notFound();
        }
        if (command instanceof Deactivate) {
            return isRegistered(state) ? deactivate(state) : notFound();
        }
        if (command instanceof ApproveOrder approve) {
            return isRegistered(state) ? approveOrder(approve, state) : notFound();
        }
        throw new IllegalStateException("not a customer command: " + command.getClass().getName());
    }

    @Override
    public CustomerState evolve(CustomerState state, SpecificRecord event) {
        CustomerState.Builder next = copyOf(state);
        if (event instanceof CustomerRegistered registered) {
            next.setStatus(CustomerStatus.ACTIVE).setName(registered.getName()).setEmail(registered.getEmail());
        } else if (event instanceof ContactEmailChanged changed) {
            next.setEmail(changed.getEmail());
        } else if (event instanceof ShippingAddressChanged changed) {
            next.setShippingAddress(changed.getAddress());
        } else if (event instanceof CustomerDeactivated) {
            next.setStatus(CustomerStatus.DEACTIVATED);
        } else {
            throw new IllegalStateException("not a customer event: " + event.getClass().getName());
        }
        return next.build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no state is ever mutated.
    private static CustomerState.Builder copyOf(CustomerState state) {
        return CustomerState.newBuilder()
                .setStatus(state.getStatus())
                .setName(state.getName())
                .setEmail(state.getEmail())
                .setShippingAddress(state.getShippingAddress());
    }

    private static Decision<SpecificRecord> register(RegisterCustomer command, CustomerState state) {
        if (isRegistered(state)) {
            return Decision.reject(ALREADY_EXISTS, "customer " + state.getEmail() + " is already registered");
        }
        return Validation.check()
                .notBlank("name", command.getName())
                .require(isEmail(command.getEmail()), "email must be an email address, was '"
                        + command.getEmail() + "'")
                .ifValid(() -> Decision.accept(new CustomerRegistered(command.getName(), command.getEmail())));
    }

    private static Decision<SpecificRecord> changeEmail(ChangeEmail command, CustomerState state) {
        if (isDeactivated(state)) {
            return deactivated();
        }
        return Validation.check()
                .require(isEmail(command.getEmail()), "email must be an email address, was '"
                        + command.getEmail() + "'")
                .ifValid(() -> command.getEmail().equals(state.getEmail())
                        ? Decision.accept()
                        : Decision.accept(new ContactEmailChanged(command.getEmail())));
    }

    private static Decision<SpecificRecord> changeShippingAddress(ChangeShippingAddress command, CustomerState state) {
        if (isDeactivated(state)) {
            return deactivated();
        }
        Address address = command.getAddress();
        return Validation.check()
                .notBlank("address.street", address.getStreet())
                .notBlank("address.city", address.getCity())
                .notBlank("address.postalCode", address.getPostalCode())
                .matches("address.country", address.getCountry(), COUNTRY,
                        "an ISO 3166-1 alpha-2 code (two upper-case letters)")
                .ifValid(() -> address.equals(state.getShippingAddress())
                        ? Decision.accept()
                        : Decision.accept(new ShippingAddressChanged(address)));
    }

    private static Decision<SpecificRecord> deactivate(CustomerState state) {
        // Deactivating twice is already done, so a retried or racing request is not an error.
        return isDeactivated(state) ? Decision.accept() : Decision.accept(new CustomerDeactivated());
    }

    // A question, not a change: the answer is the result, so nothing is appended either way.
    private static Decision<SpecificRecord> approveOrder(ApproveOrder command, CustomerState state) {
        return isDeactivated(state)
                ? Decision.reject(CUSTOMER_INACTIVE, "customer is deactivated and cannot place order "
                + command.getOrderId())
                : Decision.accept();
    }

    private static boolean isEmail(String candidate) {
        return candidate != null && candidate.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(candidate).matches();
    }

    private static boolean isRegistered(CustomerState state) {
        return state.getStatus() != CustomerStatus.NONE;
    }

    private static boolean isDeactivated(CustomerState state) {
        return state.getStatus() == CustomerStatus.DEACTIVATED;
    }

    private static Decision<SpecificRecord> notFound() {
        return Decision.reject(NOT_FOUND, "customer is not registered");
    }

    private static Decision<SpecificRecord> deactivated() {
        return Decision.reject(INVALID_STATE, "customer is deactivated and takes no further changes");
    }
}
