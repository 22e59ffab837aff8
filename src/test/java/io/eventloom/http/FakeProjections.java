package io.eventloom.http;

import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.http.fake.ProjectionRow;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A projection reader over fixed rows: {@code labels} answers, {@code restoring} is never queryable. */
final class FakeProjections implements ProjectionQueries {

    static final String LABELS = "labels";
    static final String RESTORING = "restoring";

    private final NavigableMap<String, SpecificRecord> rows = new TreeMap<>(ProjectionQueries.KEY_ORDER);

    FakeProjections(Map<String, ProjectionRow> labels) {
        rows.putAll(labels);
    }

    @Override
    public Set<String> names() {
        return Set.of(LABELS, RESTORING);
    }

    @Override
    public Optional<SpecificRecord> row(String projection, String key) {
        return Optional.ofNullable(store(projection).get(key));
    }

    @Override
    public List<KeyValue<String, SpecificRecord>> rows(String projection, Optional<String> after, int limit) {
        NavigableMap<String, SpecificRecord> store = store(projection);
        return (after.isPresent() ? store.tailMap(after.get(), false) : store).entrySet().stream()
                .limit(limit)
                .map(entry -> KeyValue.pair(entry.getKey(), entry.getValue()))
                .toList();
    }

    private NavigableMap<String, SpecificRecord> store(String projection) {
        return switch (projection) {
            case LABELS -> rows;
            case RESTORING -> throw new StoreUnavailableException("store " + RESTORING + " is restoring");
            default -> throw new IllegalArgumentException("unknown projection '" + projection + "'");
        };
    }
}
