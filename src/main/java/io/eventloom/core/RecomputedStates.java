package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every aggregate's snapshot as its events alone fold to, apart from the runtime's state stores: each event is
 * evolved into its aggregate's snapshot by {@link Snapshot#next}, the step the command processor takes. An event the
 * decider throws on leaves its aggregate unfoldable from that version on: no state after it can be trusted.
 */
public final class RecomputedStates {

    /** An aggregate whose decider threw on one of its events: that event's version, and what was thrown. */
    public record Unfoldable(long version, String reason) {
    }

    private final Map<String, TypeStates<?>> types = new LinkedHashMap<>();

    /** @param types the aggregate types whose events will be applied */
    public RecomputedStates(List<AggregateType<?>> types) {
        types.forEach(type -> this.types.put(type.name(), new TypeStates<>(type)));
    }

    /**
     * Evolves the event into its aggregate's snapshot; events of one aggregate come in the order of its log.
     *
     * @throws IllegalArgumentException for a type not given when this was made
     */
    public void apply(String type, StoredEvent event) {
        of(type).apply(event);
    }

    /** The ids of the type's aggregates that have events, unfoldable ones included, in the stores' key order. */
    public SortedSet<String> ids(String type) {
        SortedSet<String> ids = new TreeSet<>(ProjectionQueries.KEY_ORDER);
        ids.addAll(of(type).snapshots.keySet());
        ids.addAll(of(type).unfoldable.keySet());
        return ids;
    }

    /** The aggregate's snapshot after all its events applied; empty when it has none, or is unfoldable. */
    public Optional<Snapshot<? extends SpecificRecord>> snapshot(String type, String id) {
        return Optional.ofNullable(of(type).snapshots.get(id));
    }

    public Optional<Unfoldable> unfoldable(String type, String id) {
        return Optional.ofNullable(of(type).unfoldable.get(id));
    }

    private TypeStates<?> of(String type) {
        TypeStates<?> states = types.get(type);
        if (states == null) {
            throw new IllegalArgumentException("aggregate type '" + type + "' is not recomputed here; these are: "
                    + types.keySet());
        }
        return states;
    }

    /** One type's snapshots, typed by its state so its decider applies without casts. */
    private static final class TypeStates<S extends SpecificRecord> {

        private final AggregateType<S> type;
        private final Map<String, Snapshot<S>> snapshots = new HashMap<>();
        private final Map<String, Unfoldable> unfoldable = new HashMap<>();

        TypeStates(AggregateType<S> type) {
            this.type = type;
        }

        void apply(StoredEvent event) {
            String id = event.aggregateId();
            if (unfoldable.containsKey(id)) {
                return;
            }
            Snapshot<S> current = snapshots.getOrDefault(id, Snapshot.initial(type.decider()));
            try {
                snapshots.put(id, current.next(type.decider(), event));
            } catch (RuntimeException e) {
                // The runtime evolves every event before appending it, so only a log written past it gets here.
                snapshots.remove(id);
                unfoldable.put(id, new Unfoldable(event.version(), e.toString()));
            }
        }
    }
}
