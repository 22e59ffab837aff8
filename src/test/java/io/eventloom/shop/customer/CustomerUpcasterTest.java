package io.eventloom.shop.customer;

import io.eventloom.core.AggregateType;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.Upcaster;
import io.eventloom.shop.order.OrderPlaced;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retired EmailChanged: never written again, and an upcaster that cannot apply is refused or fails clearly. */
class CustomerUpcasterTest {

    @Test
    void givenTheRetiredType_whenADeciderWouldEmitIt_thenTheCodecRefusesToWriteIt() {
        StoredEvent retired = new StoredEvent("e-1", "c-1", 2, Instant.EPOCH, "cmd-1", "corr-1", Optional.empty(),
                new EmailChanged("new@example.com", "old@example.com"));

        assertThatThrownBy(() -> CustomerAggregate.TYPE.codec().writeEvent(retired))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EmailChanged is retired");
    }

    @Test
    void givenAnUpcasterOfAnotherTypesEvent_whenDeclared_thenRefusedNamingIt() {
        Upcaster<OrderPlaced> foreign = Upcaster.of(OrderPlaced.class, old -> new CustomerDeactivated());

        assertThatThrownBy(() -> new AggregateType<>("customer", new CustomerDecider(), CustomerCommandEnvelope.class,
                CustomerEventEnvelope.class, CustomerState.class).withUpcasters(foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OrderPlaced is not an event of"
                        + " customer");
    }

    @Test
    void givenUpcastersInACircle_whenAnEventIsRead_thenAClearFailureNotALoop() {
        AggregateType<CustomerState> circular = new AggregateType<>("customer", new CustomerDecider(),
                CustomerCommandEnvelope.class, CustomerEventEnvelope.class, CustomerState.class).withUpcasters(
                Upcaster.of(EmailChanged.class, old -> new ContactEmailChanged(old.getEmail())),
                Upcaster.of(ContactEmailChanged.class, current -> new EmailChanged(current.getEmail(), "")));
        SpecificRecord envelope = CustomerAggregate.TYPE.codec().writeEvent(new StoredEvent("e-1", "c-1", 1,
                Instant.EPOCH, "cmd-1", "corr-1", Optional.empty(), new CustomerDeactivated()));
        ((CustomerEventEnvelope) envelope).setPayload(new EmailChanged("a@example.com", "b@example.com"));

        assertThatThrownBy(() -> circular.codec().readEvent(envelope)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("circle");
    }
}
