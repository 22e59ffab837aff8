package io.eventloom.http;

import io.eventloom.core.AggregateStores;
import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.Snapshot;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.http.fake.ProjectionRow;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The product state store read as a projection (row: sku and version) from this instance's partitions only, as
 * the real projection reader does: a store partitioned across instances, so the routes must route and gather.
 */
final class ProductStateProjection implements ProjectionQueries {

    static final String NAME = AggregateStores.of("product").state();

    private final KafkaStreams streams;

    ProductStateProjection(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public Optional<SpecificRecord> row(String projection, String key) {
        KeyQuery<String, Snapshot<SpecificRecord>> query = KeyQuery.withKey(key);
        return local(projection, query).stream().filter(Objects::nonNull).findFirst().map(ProductStateProjection::row);
    }

    @Override
    public List<KeyValue<String, SpecificRecord>> rows(String projection, Optional<String> after, int limit) {
        RangeQuery<String, Snapshot<SpecificRecord>> query = after.map(RangeQuery::<String,
                Snapshot<SpecificRecord>>withLowerBound).orElseGet(RangeQuery::withNoBounds);
        TreeMap<String, SpecificRecord> rows = new TreeMap<>();
        for (KeyValueIterator<String, Snapshot<SpecificRecord>> range : local(projection, query)) {
            try (range) {
                range.forEachRemaining(entry -> rows.put(entry.key, row(entry.value)));
            }
        }
        after.ifPresent(rows::remove);
        return rows.entrySet().stream().limit(limit).map(e -> KeyValue.pair(e.getKey(), e.getValue())).toList();
    }

    private <R> List<R> local(String projection, Query<R> query) {
        if (!NAME.equals(projection)) {
            throw new IllegalArgumentException("unknown projection '" + projection + "'");
        }
        var answers = streams.query(StateQueryRequest.inStore(NAME).withQuery(query)).getPartitionResults();
        if (answers.isEmpty() || !answers.values().stream().allMatch(QueryResult::isSuccess)) {
            throw new StoreUnavailableException("store " + NAME + " cannot answer now: " + answers);
        }
        return answers.values().stream().map(QueryResult::getResult).toList();
    }

    private static SpecificRecord row(Snapshot<SpecificRecord> snapshot) {
        SpecificRecord state = snapshot.state();
        return new ProjectionRow(state.get(state.getSchema().getField("sku").pos()).toString(), snapshot.version());
    }
}
