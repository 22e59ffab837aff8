package io.eventloom.core;

/** An aggregate's state after its first {@code version} events; version 0 is the initial state. */
public record Snapshot<S>(long version, S state) {

    public static <S> Snapshot<S> initial(Decider<?, ?, S> decider) {
        return new Snapshot<>(0, decider.initialState());
    }
}
