package io.eventloom.core;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs one interactive query (IQv2) against this instance's partitions of a store, all answering or none. */
final class LocalStoreQuery {

    /** How the partition that owns a key is found. */
    enum Placement {
        /** Instances advertise {@code application.server}: Kafka Streams' metadata names the key's partition. */
        METADATA,
        /**
         * No {@code application.server}: Kafka Streams never places keys, and without it instances cannot route
         * reads to each other, so such a runtime runs alone and the partitions active on it answer.
         */
        ALONE
    }

    private LocalStoreQuery() {
    }

    /**
     * The answer of the one partition that owns the key, from its active task on this instance. A read that finds
     * nothing there may say the key does not exist; anywhere else (a standby, a former owner, every local partition)
     * it could only guess, so it does not answer. A runtime that runs {@link Placement#ALONE} holds every partition,
     * so its active partitions answer together.
     *
     * @throws StoreUnavailableException when Kafka Streams cannot say which partition owns the key (starting,
     *                                   rebalancing, stopping) or this instance is not its active owner right now
     */
    static <R> List<R> forKey(KafkaStreams streams, Placement placement, String store, String key, Query<R> query) {
        if (placement == Placement.ALONE) {
            return run(streams, store, StateQueryRequest.inStore(store).withQuery(query).requireActive());
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            // Kafka Streams answers this only while RUNNING or REBALANCING: not started, stopping or failed.
            throw new StoreUnavailableException("store " + store + " cannot answer now (Kafka Streams "
                    + streams.state() + ")");
        }
        return run(streams, store, requestForKey(store, key, metadata, query));
    }

    /**
     * The answer of one partition of the store, from its active task on this instance: for a store whose keys are
     * placed by {@link KeyPartition}, so that no metadata needs asking where a key lives.
     *
     * @throws StoreUnavailableException when this instance is not the partition's active owner right now (starting,
     *                                   restoring, rebalancing, stopping, or the partition is another instance's)
     */
    static <R> R inPartition(KafkaStreams streams, String store, int partition, Query<R> query) {
        return run(streams, store, requestForPartition(store, partition, query)).get(0);
    }

    /** The request that may answer for one partition: that partition only, and only from its active task. */
    static <R> StateQueryRequest<R> requestForPartition(String store, int partition, Query<R> query) {
        return StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition)).requireActive();
    }

    /**
     * The request that may answer for the key: its owning partition only, and only from an active task (a standby
     * may lag, so its "no such key" could be wrong).
     *
     * @param metadata Kafka Streams' answer to where the key lives; null or {@link KeyQueryMetadata#NOT_AVAILABLE}
     *                 while it does not know
     */
    static <R> StateQueryRequest<R> requestForKey(String store, String key, KeyQueryMetadata metadata,
                                                  Query<R> query) {
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            throw new StoreUnavailableException("the partition of key '" + key + "' in store " + store
                    + " is not known now (the instance is starting or rebalancing)");
        }
        return requestForPartition(store, metadata.partition(), query);
    }

    /** The answers of every partition of the store on this instance, one per partition. */
    static <R> List<R> allPartitions(KafkaStreams streams, String store, Query<R> query) {
        return run(streams, store, StateQueryRequest.inStore(store).withQuery(query));
    }

    private static <R> List<R> run(KafkaStreams streams, String store, StateQueryRequest<R> request) {
        StateQueryResult<R> result;
        try {
            result = streams.query(request);
        } catch (InvalidStateStoreException e) {
            // Not started yet, or stopping: the next instance state may answer.
            throw new StoreUnavailableException("store " + store + " cannot answer now (Kafka Streams "
                    + streams.state() + ")");
        }
        return answers(store, result, streams.state());
    }

    /**
     * Every partition's answer when all succeeded.
     *
     * @throws StoreUnavailableException when a partition failed (not active here, absent, not running) or none
     *                                   answered; answers already open are closed
     */
    static <R> List<R> answers(String store, StateQueryResult<R> result, KafkaStreams.State state) {
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
            throw new StoreUnavailableException("store " + store + " cannot answer now on this instance (Kafka"
                    + " Streams " + state + ")" + (failures.isEmpty() ? "" : ": " + failures));
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
