package io.eventloom.core;

import io.eventloom.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one aggregate's current snapshot and its event history from this instance's state stores with
 * interactive queries (IQv2): a key lookup and a range over the history store, never a topic scan, in the active task
 * of the aggregate's partition only. The stores hold the bytes the command processor wrote; they are decoded here.
 */
public final class AggregateReader {

    private final KafkaStreams streams;
    private final int partitions;
    private final Map<String, AggregateTopics<?>> types;

    /** @param partitions the runtime's partition count, over which {@link KeyPartition} places aggregate ids */
    AggregateReader(KafkaStreams streams, int partitions, List<AggregateTopics<?>> types) {
        this.streams = streams;
        this.partitions = partitions;
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(t -> t.type().name(), t -> t));
    }

    /** The aggregate's snapshot; empty when it has no events. */
    public Optional<Snapshot<SpecificRecord>> state(String type, String aggregateId) {
        String store = AggregateStores.of(known(type)).state();
        KeyQuery<String, byte[]> query = KeyQuery.withKey(aggregateId);
        return Optional.ofNullable(LocalStoreQuery.inPartition(streams, store, partitionOf(aggregateId), query))
                .map(bytes -> snapshot(types.get(type), store, aggregateId, bytes));
    }

    /** The aggregate's events in version order; empty when it has none. */
    public List<StoredEvent> history(String type, String aggregateId) {
        return history(type, aggregateId, 1);
    }

    /** The aggregate's events from {@code fromVersion} on, in version order: a range of the store, not a scan. */
    public List<StoredEvent> history(String type, String aggregateId, long fromVersion) {
        return read(type, aggregateId, RangeQuery.withRange(
                AggregateStores.historyKey(aggregateId, Math.max(0, fromVersion)),
                AggregateStores.historyKey(aggregateId, Long.MAX_VALUE)), Integer.MAX_VALUE).stream()
                .map(HistoryEntry::event).toList();
    }

    /**
     * At most {@code limit} of the aggregate's events from {@code fromVersion} on, in version order, each with the
     * schema it was written with. Versions follow each other without gaps, so the range read ends at version
     * {@code fromVersion + limit - 1}: a long history is never loaded to be cut.
     */
    public List<HistoryEntry> history(String type, String aggregateId, long fromVersion, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return read(type, aggregateId, historyRange(aggregateId, fromVersion, limit), limit);
    }

    /** The history store's keys from {@code fromVersion} (1 at least) to {@code limit} versions on. */
    static RangeQuery<String, byte[]> historyRange(String aggregateId, long fromVersion, int limit) {
        long first = Math.max(1, fromVersion);
        long last = first > Long.MAX_VALUE - (limit - 1) ? Long.MAX_VALUE : first + (limit - 1);
        return RangeQuery.withRange(AggregateStores.historyKey(aggregateId, first),
                AggregateStores.historyKey(aggregateId, last));
    }

    /**
     * Events as the events topic holds them (a command result carries its own so), each read as {@link #history}
     * reads it: into the current types, with the schema it was written with.
     */
    public List<HistoryEntry> events(String type, List<ByteBuffer> values) {
        AggregateTopics<?> topics = types.get(known(type));
        List<HistoryEntry> events = new ArrayList<>(values.size());
        for (ByteBuffer value : values) {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            events.add(entry(topics, topics.events().name(), bytes));
        }
        return events;
    }

    private List<HistoryEntry> read(String type, String aggregateId, RangeQuery<String, byte[]> query, int limit) {
        AggregateTopics<?> topics = types.get(known(type));
        String store = AggregateStores.of(type).history();
        List<HistoryEntry> events = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = LocalStoreQuery.inPartition(streams, store,
                partitionOf(aggregateId), query)) {
            while (range.hasNext() && events.size() < limit) {
                events.add(entry(topics, store, range.next().value));
            }
        }
        return events;
    }

    // The bytes as written: their header still names the schema they were written with.
    private static HistoryEntry entry(AggregateTopics<?> topics, String source, byte[] value) {
        int schemaId = WireFormat.parse(source, value).schemaId();
        Deserializer<SpecificRecord> envelopes = topics.events().valueSerde().deserializer();
        return new HistoryEntry(topics.type().codec().readEvent(envelopes.deserialize(source, value)), schemaId,
                topics.eventVersions().of(schemaId));
    }

    // The command processor keeps an aggregate in the task of this partition, so only its active task may answer
    // (a standby may lag, so its "no such aggregate" could be wrong); Kafka Streams' metadata is not asked, as that
    // costs a lock and a copy of every instance's partitions on each read.
    private int partitionOf(String aggregateId) {
        return KeyPartition.of(aggregateId, partitions);
    }

    // Every aggregate state is a SpecificRecord; the reader hands them out as such, whatever the type.
    @SuppressWarnings("unchecked")
    private <S extends SpecificRecord> Snapshot<SpecificRecord> snapshot(AggregateTopics<S> topics, String store,
                                                                        String aggregateId, byte[] bytes) {
        Snapshot<S> snapshot = SnapshotRebuild.readOrRebuild(topics.type(), aggregateId,
                () -> topics.snapshots().deserializer().deserialize(store, bytes),
                () -> history(topics.type().name(), aggregateId));
        return (Snapshot<SpecificRecord>) snapshot;
    }

    private String known(String type) {
        if (!types.containsKey(type)) {
            throw new IllegalArgumentException("unknown aggregate type '" + type + "'; known: " + types.keySet());
        }
        return type;
    }
}
