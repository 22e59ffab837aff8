package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads projection rows from this instance's projection stores with interactive queries (IQv2). */
public final class ProjectionReader implements ProjectionQueries {

    private final Function<String, KafkaStreams> streamsFor;
    private final LocalStoreQuery.Placement placement;
    private final Set<String> names;

    /** A reader for a runtime without {@code application.server}, which runs alone: its active partitions answer. */
    public ProjectionReader(KafkaStreams streams, List<ProjectionType<?>> projections) {
        this(store -> streams, LocalStoreQuery.Placement.ALONE, projections);
    }

    /** @param streamsFor the application whose store of that name answers: generations may live in different ones */
    ProjectionReader(Function<String, KafkaStreams> streamsFor, LocalStoreQuery.Placement placement,
                     List<ProjectionType<?>> projections) {
        this.streamsFor = streamsFor;
        this.placement = placement;
        this.names = projections.stream().map(ProjectionType::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public Optional<SpecificRecord> row(String projection, String key) {
        KeyQuery<String, Object> query = KeyQuery.withKey(key);
        String store = known(projection);
        return LocalStoreQuery.forKey(streamsFor.apply(store), placement, store, key, query).stream()
                .map(ProjectionReader::unwrap).filter(Objects::nonNull).findFirst();
    }

    @Override
    public List<KeyValue<String, SpecificRecord>> rows(String projection, Optional<String> after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        RangeQuery<String, Object> query = after.map(RangeQuery::<String, Object>withLowerBound)
                .orElseGet(RangeQuery::withNoBounds);
        String store = known(projection);
        List<KeyValueIterator<String, Object>> ranges = LocalStoreQuery.allPartitions(streamsFor.apply(store), store,
                query);
        try {
            return merged(ranges, after, limit);
        } finally {
            ranges.forEach(LocalStoreQuery::closeIfResource);
        }
    }

    /** Each partition's range is in key order and the partitions' keys are disjoint: merge them, skip {@code after}. */
    private static List<KeyValue<String, SpecificRecord>> merged(List<KeyValueIterator<String, Object>> ranges,
                                                                 Optional<String> after, int limit) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::key, KEY_ORDER));
        ranges.forEach(range -> Head.next(range).ifPresent(heads::add));
        List<KeyValue<String, SpecificRecord>> rows = new ArrayList<>();
        while (rows.size() < limit && !heads.isEmpty()) {
            Head head = heads.poll();
            SpecificRecord row = unwrap(head.entry().value);
            if (row != null && !after.map(head.key()::equals).orElse(false)) {
                rows.add(KeyValue.pair(head.key(), row));
            }
            Head.next(head.range()).ifPresent(heads::add);
        }
        return rows;
    }

    private String known(String projection) {
        if (!names.contains(projection)) {
            throw new IllegalArgumentException("unknown projection '" + projection + "'; known: " + names);
        }
        return projection;
    }

    // KTable stores are timestamped: depending on the query, the value may come wrapped with its timestamp.
    private static SpecificRecord unwrap(Object value) {
        Object row = value instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : value;
        return (SpecificRecord) row;
    }

    /** The next entry of one partition's range. */
    private record Head(KeyValue<String, Object> entry, KeyValueIterator<String, Object> range) {

        static Optional<Head> next(KeyValueIterator<String, Object> range) {
            return range.hasNext() ? Optional.of(new Head(range.next(), range)) : Optional.empty();
        }

        String key() {
            return entry.key;
        }
    }
}
