package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads projection rows from the state stores of this instance only; routing to the instance that owns a key is
 * the caller's job. Each projection is materialized in a key-value store named like the projection, with string
 * keys and Avro rows that carry the {@code version} of the aggregate they reflect.
 */
public interface ProjectionQueries {

    /**
     * The order rows come in: the stores' own, by the keys' UTF-8 bytes, unsigned. It differs from
     * {@link String#compareTo} for some non-ASCII keys, so whoever merges pages must use this one.
     */
    Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

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
