package io.eventloom.core;

import java.util.List;

/**
 * An aggregate type's behaviour as three pure functions: no Kafka, no clock, no I/O.
 *
 * @param <C> the type's commands
 * @param <E> the type's events
 * @param <S> the aggregate's state
 */
public interface Decider<C, E, S> {

    /** The state of an aggregate that has no events yet. */
    S initialState();

    /** Events to append for this command in this state, or a rejection. Must not throw for business reasons. */
    Decision<E> decide(C command, S state);

    /** The state after one event. */
    S evolve(S state, E event);

    /** The state after events applied in order to {@code state}. */
    default S fold(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}
