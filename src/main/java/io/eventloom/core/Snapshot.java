package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** An aggregate's state after its first {@code version} events; version 0 is the initial state. */
public record Snapshot<S>(long version, S state) {

    public static <S> Snapshot<S> initial(Decider<?, ?, S> decider) {
        return new Snapshot<>(0, decider.initialState());
    }

    /** The snapshot that {@code history} (an aggregate's events in version order) folds to from the initial state. */
    public static <S> Snapshot<S> replay(Decider<?, ? super SpecificRecord, S> decider, List<StoredEvent> history) {
        Snapshot<S> snapshot = initial(decider);
        for (StoredEvent event : history) {
            snapshot = snapshot.next(decider, event);
        }
        return snapshot;
    }

    /** This snapshot with one more event evolved into it: the state the decider gives, at the event's version. */
    public Snapshot<S> next(Decider<?, ? super SpecificRecord, S> decider, StoredEvent event) {
        return new Snapshot<>(event.version(), decider.evolve(state, event.payload()));
    }
}
