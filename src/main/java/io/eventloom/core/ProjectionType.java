package io.eventloom.core;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One read model as the runtime needs it: its name (also the name of the state store it is materialized in),
 * the Avro class of its rows, and how the rows are built from events or from other projections. Rows are keyed
 * by string and carry a {@code version} field (long): the version of the aggregate the row reflects.
 */
public record ProjectionType<R extends SpecificRecord>(String name, Class<R> row, Definition<R> definition) {

    public ProjectionType {
        Names.require("projection", name);
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(definition, "definition");
        Schema.Field version = SpecificData.get().getSchema(row).getField("version");
        if (version == null || version.schema().getType() != Schema.Type.LONG) {
            throw new IllegalArgumentException("projection " + name + ": row " + row.getSimpleName()
                    + " needs a field 'version' of type long");
        }
    }

    /** Rows keyed by aggregate id, each the fold of that aggregate's events. */
    public static <R extends SpecificRecord> ProjectionType<R> fold(String name, Class<R> row, String aggregateType,
                                                                    EventFold<R> fold) {
        return new ProjectionType<>(name, row, new Fold<>(aggregateType, fold));
    }

    /**
     * Rows keyed like {@code left}, each joined with the {@code right} row its foreign key names, and recomputed
     * whenever either side changes. The right row is null while the right side has none for the key.
     */
    public static <R extends SpecificRecord, L extends SpecificRecord, F extends SpecificRecord> ProjectionType<R>
            join(String name, Class<R> row, ProjectionType<L> left, ProjectionType<F> right,
                 Function<L, String> foreignKey, BiFunction<L, F, R> joiner) {
        return new ProjectionType<>(name, row, new Join<>(left, right, foreignKey, joiner));
    }

    /**
     * Rows keyed by {@code key} of the source's rows, each aggregated from the source rows with that key: a
     * changed source row is first subtracted as it was, then added as it is.
     */
    public static <R extends SpecificRecord, V extends SpecificRecord> ProjectionType<R>
            regroup(String name, Class<R> row, ProjectionType<V> source, Function<V, String> key, Supplier<R> initial,
                    BiFunction<R, V, R> adder, BiFunction<R, V, R> subtractor) {
        return new ProjectionType<>(name, row, new Regroup<>(source, key, initial, adder, subtractor));
    }

    /** The projections this one's rows are computed from: none for a fold. */
    public List<ProjectionType<?>> builtFrom() {
        if (definition instanceof Join<R, ?, ?> join) {
            return List.of(join.left(), join.right());
        }
        if (definition instanceof Regroup<R, ?> regroup) {
            return List.of(regroup.source());
        }
        return List.of();
    }

    /** This projection and every projection it is computed from, directly or not, each once. */
    public List<ProjectionType<?>> withEverythingBuiltFrom() {
        Set<ProjectionType<?>> all = new LinkedHashSet<>();
        addWithInputs(this, all);
        return List.copyOf(all);
    }

    private static void addWithInputs(ProjectionType<?> projection, Set<ProjectionType<?>> all) {
        if (all.add(projection)) {
            projection.builtFrom().forEach(input -> addWithInputs(input, all));
        }
    }

    /**
     * The aggregate types whose events this projection's rows are made of, directly or through the projections it is
     * built on.
     */
    public Set<String> aggregateTypes() {
        Set<String> types = new TreeSet<>();
        for (ProjectionType<?> projection : withEverythingBuiltFrom()) {
            if (projection.definition() instanceof Fold<?> fold) {
                types.add(fold.aggregateType());
            }
        }
        return Collections.unmodifiableSet(types);
    }

    /** The row after one event of its aggregate; {@code row} is null before the aggregate's first event. */
    @FunctionalInterface
    public interface EventFold<R> {
        R apply(R row, StoredEvent event);
    }

    /** How a projection's rows are built. */
    public sealed interface Definition<R extends SpecificRecord> permits Fold, Join, Regroup {
    }

    /** See {@link #fold}. */
    public record Fold<R extends SpecificRecord>(String aggregateType, EventFold<R> fold) implements Definition<R> {
        public Fold {
            Objects.requireNonNull(aggregateType, "aggregateType");
            Objects.requireNonNull(fold, "fold");
        }
    }

    /** See {@link #join}. */
    public record Join<R extends SpecificRecord, L extends SpecificRecord, F extends SpecificRecord>(
            ProjectionType<L> left, ProjectionType<F> right, Function<L, String> foreignKey,
            BiFunction<L, F, R> joiner) implements Definition<R> {
        public Join {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(foreignKey, "foreignKey");
            Objects.requireNonNull(joiner, "joiner");
        }
    }

    /** See {@link #regroup}. */
    public record Regroup<R extends SpecificRecord, V extends SpecificRecord>(
            ProjectionType<V> source, Function<V, String> key, Supplier<R> initial, BiFunction<R, V, R> adder,
            BiFunction<R, V, R> subtractor) implements Definition<R> {
        public Regroup {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(adder, "adder");
            Objects.requireNonNull(subtractor, "subtractor");
        }
    }
}
