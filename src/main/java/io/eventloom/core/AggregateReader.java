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
        return Optional.ofNullable(queryPartitionOf(store, aggregateId, query));
    }

    /** The aggregate's events in version order; empty when it has none. */
    public List<StoredEvent> history(String type, String aggregateId) {
        EnvelopeCodec codec = codecs.get(known(type));
        String store = AggregateStores.of(type).history();
        RangeQuery<String, SpecificRecord> query = RangeQuery.withRange(
                AggregateStores.historyKey(aggregateId, 0), AggregateStores.historyKey(aggregateId, Long.MAX_VALUE));
        List<StoredEvent> events = new ArrayList<>();
        try (KeyValueIterator<String, SpecificRecord> range = queryPartitionOf(store, aggregateId, query)) {
            range.forEachRemaining((KeyValue<String, SpecificRecord> entry) -> events.add(
                    codec.readEvent(entry.value)));
        }
        return events;
    }

    private String known(String type) {
        if (!codecs.containsKey(type)) {
            throw new IllegalArgumentException("unknown aggregate type '" + type + "'; known: " + codecs.keySet());
        }
        return type;
    }

    private <R> R queryPartitionOf(String store, String aggregateId, Query<R> query) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, aggregateId, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new StoreUnavailableException("store " + store + " is not available yet (state "
                    + streams.state() + ")");
        }
        int partition = metadata.partition();
        StateQueryResult<R> result = streams.query(StateQueryRequest.inStore(store).withQuery(query)
                .withPartitions(Set.of(partition)));
        QueryResult<R> answer = result.getPartitionResults().get(partition);
        if (answer == null || answer.isFailure()) {
            throw new StoreUnavailableException("store " + store + " partition " + partition + " cannot answer: "
                    + (answer == null ? "not hosted here" : answer.getFailureReason() + " "
                    + answer.getFailureMessage()));
        }
        return answer.getResult();
    }
}
