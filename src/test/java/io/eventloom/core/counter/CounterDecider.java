package io.eventloom.core.counter;

import io.eventloom.core.Decider;
import io.eventloom.core.Decision;
import org.apache.avro.specific.SpecificRecord;

/** A counter that only goes up, capped at {@link #LIMIT}, with a note: the runtime's test aggregate. */
public final class CounterDecider implements Decider<SpecificRecord, SpecificRecord, CounterState> {

    public static final int LIMIT = 1_000_000;

    // Constructors with every field, no builders: a builder's defaults and newBuilder(other) copies need a JVM-wide
    // Avro trust for any nested generated class, which Eventloom does not install; the test domain follows the rule.
    @Override
    public CounterState initialState() {
        return new CounterState(0, false, "");
    }

    @Override
    public Decision<SpecificRecord> decide(SpecificRecord command, CounterState state) {
        if (command instanceof Increment increment) {
            return increment(increment, state);
        }
        if (command instanceof Explode) {
            throw new IllegalStateException("decider bug on purpose");
        }
        if (command instanceof Note note) {
            return Decision.accept(new Noted(note.getText().repeat(Math.max(1, note.getCopies()))));
        }
        throw new IllegalStateException("unexpected command " + command.getClass().getName());
    }

    private static Decision<SpecificRecord> increment(Increment increment, CounterState state) {
        if (increment.getAmount() <= 0) {
            return Decision.reject("INVALID_AMOUNT", "amount must be positive, was " + increment.getAmount());
        }
        if (state.getCapped()) {
            return Decision.reject("CAPPED", "the counter reached " + LIMIT);
        }
        long next = (long) state.getValue() + increment.getAmount();
        if (next > LIMIT) {
            return Decision.reject("LIMIT_EXCEEDED", "value would be " + next + ", over " + LIMIT);
        }
        Incremented incremented = new Incremented(increment.getAmount());
        return next == LIMIT ? Decision.accept(incremented, new LimitReached(LIMIT)) : Decision.accept(incremented);
    }

    @Override
    public CounterState evolve(CounterState state, SpecificRecord event) {
        if (event instanceof Incremented incremented) {
            return new CounterState(state.getValue() + incremented.getAmount(), state.getCapped(), state.getNote());
        }
        if (event instanceof LimitReached) {
            return new CounterState(state.getValue(), true, state.getNote());
        }
        if (event instanceof Noted noted) {
            return new CounterState(state.getValue(), state.getCapped(), noted.getText());
        }
        throw new IllegalStateException("unexpected event " + event.getClass().getName());
    }
}
