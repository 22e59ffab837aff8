package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one aggregate's current snapshot and its event history from this instance's state stores with
 * interactive queries (IQv2): a key lookup and a range over the history store, never a topic scan.
 */
public final class AggregateReader {

    private final KafkaStreams streams;
    private final Map<String, EnvelopeCodec> codecs;

    public AggregateReader(KafkaStreams streams, List<AggregateType<?>> types) {
        this.streams = streams;
        this.codecs = types.stream().collect(Collectors.toUnmodifiableMap(AggregateType::name, EnvelopeCodec::of));
    }

    /** The aggregate's snapshot; empty when it has no events. */
    public Optional<Snapshot<SpecificRecord>> state(String type, String aggregateId) {
        String store = AggregateStores.of(known(type)).state();
        KeyQuery<String, Snapshot<SpecificRecord>> query = KeyQuery.withKey(aggregateId);
        return answers(store, aggregateId, query).stream().filter(Objects::nonNull).findFirst();
    }

    /** The aggregate's events in version order; empty when it has none. */
    public List<StoredEvent> history(String type, String aggregateId) {
        EnvelopeCodec codec = codecs.get(known(type));
        String store = AggregateStores.of(type).history();
        RangeQuery<String, SpecificRecord> query = RangeQuery.withRange(
                AggregateStores.historyKey(aggregateId, 0), AggregateStores.historyKey(aggregateId, Long.MAX_VALUE));
        List<StoredEvent> events = new ArrayList<>();
        for (KeyValueIterator<String, SpecificRecord> range : answers(store, aggregateId, query)) {
            try (range) {
                range.forEachRemaining((KeyValue<String, SpecificRecord> entry) -> events.add(
                        codec.readEvent(entry.value)));
            }
        }
        return events;
    }

    private String known(String type) {
        if (!codecs.containsKey(type)) {
            throw new IllegalArgumentException("unknown aggregate type '" + type + "'; known: " + codecs.keySet());
        }
        return type;
    }

    /**
     * Asks the partition that holds the key when Kafka Streams can say which (it knows once
     * {@code application.server} is set), else every local partition: a single instance hosts them all.
     */
    private <R> List<R> answers(String store, String aggregateId, Query<R> query) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query);
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, aggregateId, Serdes.String().serializer());
        if (metadata != null && !metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            request = request.withPartitions(Set.of(metadata.partition()));
        }
        StateQueryResult<R> result = streams.query(request);
        List<R> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        result.getPartitionResults().forEach((partition, answer) -> {
            if (answer.isSuccess()) {
                answers.add(answer.getResult());
            } else {
                failures.add(partition + ": " + answer.getFailureReason() + " " + answer.getFailureMessage());
            }
        });
        if (!failures.isEmpty() || answers.isEmpty()) {
            answers.stream().filter(a -> a instanceof AutoCloseable).forEach(AggregateReader::close);
            throw new StoreUnavailableException("store " + store + " cannot answer now (Kafka Streams "
                    + streams.state() + ")" + (failures.isEmpty() ? "" : ": " + failures));
        }
        return answers;
    }

    private static void close(Object resource) {
        try {
            ((AutoCloseable) resource).close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close a store iterator", e);
        }
    }
}
