package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds the domain's projections as KTables, each materialized in a store named like the projection. Every
 * processor and internal topic is named after the projection: {@code P-fold}; {@code P-join} (the foreign-key
 * join's subscription topics and store); {@code P-regroup} (repartition topic) and {@code P-aggregate}.
 */
final class ProjectionTopology {

    private final SourceStreams sources;
    private final Map<String, AggregateTopics<?>> aggregates;
    private final AvroSerdes internal;
    private final RecordLimit limit;
    private final RetiredProjections retired;
    private final Map<String, KTable<String, ? extends SpecificRecord>> tables = new HashMap<>();

    private ProjectionTopology(SourceStreams sources, Map<String, AggregateTopics<?>> aggregates,
                               AvroSerdes internal, RecordLimit limit, RetiredProjections retired) {
        this.sources = sources;
        this.aggregates = aggregates;
        this.internal = internal;
        this.limit = limit;
        this.retired = retired;
    }

    /**
     * @param internal serdes for the projection stores' changelogs and internal topics, whose schemas the runtime
     *                 owns
     * @param limit    rows that would not fit the log are refused when written, so their input is dead-lettered
     * @param retired  the projections whose processors write no rows (now, or from the start)
     */
    static void addTo(SourceStreams sources, Map<String, AggregateTopics<?>> aggregates,
                      List<ProjectionType<?>> projections, AvroSerdes internal, RecordLimit limit,
                      RetiredProjections retired) {
        ProjectionTopology topology = new ProjectionTopology(sources, aggregates, internal, limit, retired);
        for (ProjectionType<?> projection : projections) {
            topology.table(projection, projections);
        }
    }

    /**
     * The topics a projection's application reads to compute it: the event topics of its aggregate types, and the
     * subscription and repartition topics Kafka Streams makes, under the application's id, for the joins and regroups
     * on the way.
     */
    static Set<String> inputTopics(ProjectionType<?> projection, TopicNames names, String applicationId) {
        Set<String> topics = new TreeSet<>();
        projection.aggregateTypes().forEach(type -> topics.add(names.events(type)));
        for (ProjectionType<?> step : projection.withEverythingBuiltFrom()) {
            if (step.definition() instanceof ProjectionType.Join<?, ?, ?>) {
                topics.add(applicationId + "-" + joinName(step) + "-subscription-registration-topic");
                topics.add(applicationId + "-" + joinName(step) + "-subscription-response-topic");
            } else if (step.definition() instanceof ProjectionType.Regroup<?, ?>) {
                topics.add(applicationId + "-" + regroupName(step) + "-repartition");
            }
        }
        return topics;
    }

    private static String joinName(ProjectionType<?> projection) {
        return projection.name() + "-join";
    }

    private static String regroupName(ProjectionType<?> projection) {
        return projection.name() + "-regroup";
    }

    // A projection built from another needs that one's table first; each table is built once.
    @SuppressWarnings("unchecked")
    private <R extends SpecificRecord> KTable<String, R> table(ProjectionType<R> projection,
                                                              List<ProjectionType<?>> registered) {
        if (!registered.contains(projection)) {
            throw new IllegalArgumentException("projection " + projection.name()
                    + " is used by another projection but not among the projections built");
        }
        KTable<String, R> built = (KTable<String, R>) tables.get(projection.name());
        if (built == null) {
            built = build(projection, registered);
            tables.put(projection.name(), built);
        }
        return built;
    }

    private <R extends SpecificRecord> KTable<String, R> build(ProjectionType<R> projection,
                                                              List<ProjectionType<?>> registered) {
        ProjectionType.Definition<R> definition = projection.definition();
        if (definition instanceof ProjectionType.Fold<R> fold) {
            return fold(projection, fold);
        }
        if (definition instanceof ProjectionType.Join<R, ?, ?> join) {
            return join(projection, join, registered);
        }
        if (definition instanceof ProjectionType.Regroup<R, ?> regroup) {
            return regroup(projection, regroup, registered);
        }
        throw new IllegalStateException("unknown projection definition " + definition.getClass().getName());
    }

    private <R extends SpecificRecord> KTable<String, R> fold(ProjectionType<R> projection,
                                                             ProjectionType.Fold<R> fold) {
        AggregateTopics<?> type = aggregates.get(fold.aggregateType());
        if (type == null) {
            throw new IllegalArgumentException("projection " + projection.name() + " folds unknown aggregate type "
                    + fold.aggregateType() + "; known: " + aggregates.keySet());
        }
        EnvelopeCodec codec = type.type().codec();
        Topic<String, SpecificRecord> events = type.events();
        // Keyed by aggregate id already, like the topic: grouping by key needs no repartition.
        return sources.events(fold.aggregateType())
                .groupByKey(Grouped.with(projection.name() + "-by-aggregate", events.keySerde(), events.valueSerde()))
                .aggregate(() -> null, (id, envelope, row) -> retired.isRetired(projection.name()) ? null
                                : fold.fold().apply(row, codec.readEvent(envelope)),
                        Named.as(projection.name() + "-fold"), materialized(projection));
    }

    private <R extends SpecificRecord, L extends SpecificRecord, F extends SpecificRecord> KTable<String, R> join(
            ProjectionType<R> projection, ProjectionType.Join<R, L, F> join, List<ProjectionType<?>> registered) {
        KTable<String, L> left = table(join.left(), registered);
        KTable<String, F> right = table(join.right(), registered);
        // A left join: a row exists as soon as its left side does, and gains its right side when that arrives.
        return left.leftJoin(right, join.foreignKey(), (leftRow, rightRow) -> retired.isRetired(projection.name())
                        ? null : join.joiner().apply(leftRow, rightRow),
                TableJoined.as(joinName(projection)), materialized(projection));
    }

    private <R extends SpecificRecord, V extends SpecificRecord> KTable<String, R> regroup(
            ProjectionType<R> projection, ProjectionType.Regroup<R, V> regroup, List<ProjectionType<?>> registered) {
        KTable<String, V> source = table(regroup.source(), registered);
        return source
                .groupBy((key, row) -> KeyValue.pair(regroup.key().apply(row), row),
                        Grouped.with(regroupName(projection), Serdes.String(), rowSerde(regroup.source())))
                .aggregate(regroup.initial()::get,
                        (key, row, aggregate) -> retired.isRetired(projection.name()) ? null
                                : regroup.adder().apply(aggregate, row),
                        (key, row, aggregate) -> retired.isRetired(projection.name()) ? null
                                : regroup.subtractor().apply(aggregate, row),
                        Named.as(projection.name() + "-aggregate"), materialized(projection));
    }

    private <R extends SpecificRecord> Materialized<String, R, KeyValueStore<Bytes, byte[]>> materialized(
            ProjectionType<R> projection) {
        if (retired.atStart(projection.name())) {
            // Only deletes ever reach it, so it stays empty: no disk, no changelog, nothing restored or read.
            return Materialized.<String, R>as(Stores.inMemoryKeyValueStore(projection.name()))
                    .withKeySerde(Serdes.String())
                    .withValueSerde(rowSerde(projection))
                    .withLoggingDisabled();
        }
        return Materialized.<String, R, KeyValueStore<Bytes, byte[]>>as(projection.name())
                .withKeySerde(Serdes.String())
                .withValueSerde(rowSerde(projection));
    }

    private <R extends SpecificRecord> Serde<R> rowSerde(ProjectionType<R> projection) {
        return SizeLimitedSerde.of(internal.specificValue(projection.row()), limit.maxRowBytes(),
                "a row of projection " + projection.name());
    }
}
