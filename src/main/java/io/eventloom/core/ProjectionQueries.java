package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads projection rows from the state stores of this instance only; routing to the instance that owns a key is
 * the caller's job. Each projection is materialized in a key-value store named like the projection, with string
 * keys and Avro rows that carry the {@code version} of the aggregate they reflect.
 */
public interface ProjectionQueries {

    /** The names of the projections this instance materializes. */
    Set<String> names();

    /**
     * One row, or empty when this instance's stores hold none for the key.
     *
     * @throws IllegalArgumentException  for an unknown projection
     * @throws StoreUnavailableException while the store cannot answer (rebalancing, restoring)
     */
    Optional<SpecificRecord> row(String projection, String key);

    /**
     * Up to {@code limit} rows of this instance's stores in ascending key order, starting after {@code after}
     * when given; a caller merging several instances' answers keeps that order.
     *
     * @throws IllegalArgumentException  for an unknown projection
     * @throws StoreUnavailableException while the store cannot answer (rebalancing, restoring)
     */
    List<KeyValue<String, SpecificRecord>> rows(String projection, Optional<String> after, int limit);
}
