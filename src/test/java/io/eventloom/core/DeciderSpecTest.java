package io.eventloom.core;

import io.eventloom.core.counter.CounterDecider;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Incremented;
import io.eventloom.core.counter.LimitReached;
import io.eventloom.core.testing.DeciderSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeciderSpecTest {

    private final DeciderSpec<org.apache.avro.specific.SpecificRecord, org.apache.avro.specific.SpecificRecord,
            CounterState> counter = DeciderSpec.of(new CounterDecider());

    @Test
    void givenEvents_whenCommandAccepted_thenEventsAndStateMatch() {
        counter.given(new Incremented(2), new Incremented(3))
                .when(new Increment(CounterDecider.LIMIT - 5))
                .thenEvents(new Incremented(CounterDecider.LIMIT - 5), new LimitReached(CounterDecider.LIMIT))
                .thenState(new CounterState(CounterDecider.LIMIT, true, ""));
    }

    @Test
    void givenNoEvents_whenCommandRejected_thenRejectionCodeAndMessageMatch() {
        counter.when(new Increment(0)).thenRejected("INVALID_AMOUNT", "must be positive");
    }

    @Test
    void whenExpectationDiffers_thenAssertionErrorExplainsIt() {
        assertThatThrownBy(() -> counter.when(new Increment(1)).thenEvents(new Incremented(2)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected events");
        assertThatThrownBy(() -> counter.when(new Increment(1)).thenRejected("INVALID_AMOUNT"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected a rejection");
        assertThatThrownBy(() -> counter.when(new Increment(-1)).thenEvents(new Incremented(-1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rejected INVALID_AMOUNT");
        assertThatThrownBy(() -> counter.when(new Increment(1)).thenNothingHappens())
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected no events");
        assertThatThrownBy(() -> counter.when(new Increment(0)).thenRejected("INVALID_AMOUNT", "zero"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("message containing 'zero'");
    }
}
