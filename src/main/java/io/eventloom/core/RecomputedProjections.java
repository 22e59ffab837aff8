package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Projection rows as the aggregates' events alone make them, apart from the runtime's stores, with each projection's
 * own functions: a fold row event by event; a join row from the recomputed left row and the right row its foreign
 * key names; a regroup row by the adder over every recomputed source row with its key, from the initial row.
 *
 * <p>Where the runtime dead-letters an input because a projection's function throws on it, the row here is what it
 * would be without that input: a fold row stays as it was; a join row, or a source row's share of a regroup row, is
 * left out. A regroup row's {@code version} is that of whichever source row the runtime added last, an order that the
 * events of separate aggregates do not fix; only its other fields are what any order gives.
 */
public final class RecomputedProjections {

    private final Map<String, ProjectionType<?>> known = new LinkedHashMap<>();
    private final Map<String, FoldRows<?>> folds = new LinkedHashMap<>();
    // Join and regroup rows are built from scratch when asked for, and kept until the next event changes a fold.
    private final Map<String, SortedMap<String, ?>> built = new HashMap<>();

    /** @param projections the projections whose rows will be asked for; those they are built on are recomputed too */
    public RecomputedProjections(List<ProjectionType<?>> projections) {
        projections.forEach(this::add);
    }

    /** Folds the event into the row of each fold projection of its aggregate type. */
    public void apply(String aggregateType, StoredEvent event) {
        boolean changed = false;
        for (FoldRows<?> fold : folds.values()) {
            if (fold.definition.aggregateType().equals(aggregateType)) {
                fold.apply(event);
                changed = true;
            }
        }
        if (changed) {
            built.clear();
        }
    }

    /**
     * Every row of the projection, in the stores' key order.
     *
     * @throws IllegalArgumentException for a projection not given when this was made, nor built on by one
     */
    @SuppressWarnings("unchecked")
    public <R extends SpecificRecord> SortedMap<String, R> rows(ProjectionType<R> projection) {
        if (!projection.equals(known.get(projection.name()))) {
            throw new IllegalArgumentException("projection '" + projection.name() + "' is not recomputed here; these"
                    + " are: " + known.keySet());
        }
        ProjectionType.Definition<R> definition = projection.definition();
        if (definition instanceof ProjectionType.Fold<R>) {
            return Collections.unmodifiableSortedMap(((FoldRows<R>) folds.get(projection.name())).rows);
        }
        SortedMap<String, R> rows = (SortedMap<String, R>) built.get(projection.name());
        if (rows == null) {
            rows = Collections.unmodifiableSortedMap(build(definition));
            built.put(projection.name(), rows);
        }
        return rows;
    }

    private void add(ProjectionType<?> projection) {
        if (known.putIfAbsent(projection.name(), projection) != null) {
            return;
        }
        ProjectionType.Definition<?> definition = projection.definition();
        if (definition instanceof ProjectionType.Fold<?> fold) {
            folds.put(projection.name(), new FoldRows<>(fold));
        } else if (definition instanceof ProjectionType.Join<?, ?, ?> join) {
            add(join.left());
            add(join.right());
        } else if (definition instanceof ProjectionType.Regroup<?, ?> regroup) {
            add(regroup.source());
        } else {
            throw new IllegalStateException("unknown projection definition " + definition.getClass().getName());
        }
    }

    private <R extends SpecificRecord> SortedMap<String, R> build(ProjectionType.Definition<R> definition) {
        if (definition instanceof ProjectionType.Join<R, ?, ?> join) {
            return join(join);
        }
        if (definition instanceof ProjectionType.Regroup<R, ?> regroup) {
            return regroup(regroup);
        }
        throw new IllegalStateException("not a join or regroup: " + definition.getClass().getName());
    }

    private <R extends SpecificRecord, L extends SpecificRecord, F extends SpecificRecord> SortedMap<String, R> join(
            ProjectionType.Join<R, L, F> join) {
        SortedMap<String, F> right = rows(join.right());
        SortedMap<String, R> joined = new TreeMap<>(ProjectionQueries.KEY_ORDER);
        rows(join.left()).forEach((key, left) -> {
            try {
                String foreignKey = join.foreignKey().apply(left);
                // A left join: a left row without its right one is joined with null, as the runtime's is.
                R row = join.joiner().apply(left, foreignKey == null ? null : right.get(foreignKey));
                if (row != null) {
                    joined.put(key, row);
                }
            } catch (RuntimeException e) {
                // The runtime dead-letters this input, so no row the events make holds it.
            }
        });
        return joined;
    }

    private <R extends SpecificRecord, V extends SpecificRecord> SortedMap<String, R> regroup(
            ProjectionType.Regroup<R, V> regroup) {
        SortedMap<String, R> groups = new TreeMap<>(ProjectionQueries.KEY_ORDER);
        for (V source : rows(regroup.source()).values()) {
            try {
                String key = regroup.key().apply(source);
                if (key == null) {
                    continue; // Kafka Streams' groupBy drops a row whose new key is null.
                }
                R current = groups.containsKey(key) ? groups.get(key) : regroup.initial().get();
                R next = regroup.adder().apply(current, source);
                // A null aggregate is a delete in Kafka Streams; the next row with the key starts from the initial.
                if (next == null) {
                    groups.remove(key);
                } else {
                    groups.put(key, next);
                }
            } catch (RuntimeException e) {
                // The runtime dead-letters this input, so its share is in no row the events make.
            }
        }
        return groups;
    }

    /** One fold projection's rows, keyed by aggregate id, typed by its row so its fold applies without casts. */
    private static final class FoldRows<R extends SpecificRecord> {

        private final ProjectionType.Fold<R> definition;
        private final SortedMap<String, R> rows = new TreeMap<>(ProjectionQueries.KEY_ORDER);

        FoldRows(ProjectionType.Fold<R> definition) {
            this.definition = definition;
        }

        void apply(StoredEvent event) {
            R next;
            try {
                next = definition.fold().apply(rows.get(event.aggregateId()), event);
            } catch (RuntimeException e) {
                return; // The runtime dead-letters the event and keeps the row as it was.
            }
            if (next == null) {
                rows.remove(event.aggregateId());
            } else {
                rows.put(event.aggregateId(), next);
            }
        }
    }
}
