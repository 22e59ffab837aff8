package io.eventloom.core;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs one interactive query (IQv2) against this instance's partitions of a store, all answering or none. */
final class LocalStoreQuery {

    private LocalStoreQuery() {
    }

    /**
     * The answers of the partition that holds the key when Kafka Streams can say which (it knows once
     * {@code application.server} is set), else of every local partition: a single instance hosts them all.
     */
    static <R> List<R> forKey(KafkaStreams streams, String store, String key, Query<R> query) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query);
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata != null && !metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            request = request.withPartitions(Set.of(metadata.partition()));
        }
        return run(streams, store, request);
    }

    /** The answers of every partition of the store on this instance, one per partition. */
    static <R> List<R> allPartitions(KafkaStreams streams, String store, Query<R> query) {
        return run(streams, store, StateQueryRequest.inStore(store).withQuery(query));
    }

    /** @throws StoreUnavailableException when a partition fails or none answers; answers already open are closed */
    private static <R> List<R> run(KafkaStreams streams, String store, StateQueryRequest<R> request) {
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
            answers.forEach(LocalStoreQuery::closeIfResource);
            throw new StoreUnavailableException("store " + store + " cannot answer now (Kafka Streams "
                    + streams.state() + ")" + (failures.isEmpty() ? "" : ": " + failures));
        }
        return answers;
    }

    static void closeIfResource(Object answer) {
        Optional.ofNullable(answer).filter(AutoCloseable.class::isInstance).ifPresent(resource -> {
            try {
                ((AutoCloseable) resource).close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a store iterator", e);
            }
        });
    }
}
