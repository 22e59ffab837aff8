package io.eventloom.http;

import io.eventloom.core.ProjectionQueries;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The projections of an app that materializes none: every projection route answers 404. */
public final class NoProjections implements ProjectionQueries {

    @Override
    public Set<String> names() {
        return Set.of();
    }

    @Override
    public Optional<SpecificRecord> row(String projection, String key) {
        throw new IllegalArgumentException("unknown projection '" + projection + "'");
    }

    @Override
    public List<KeyValue<String, SpecificRecord>> rows(String projection, Optional<String> after, int limit) {
        throw new IllegalArgumentException("unknown projection '" + projection + "'");
    }
}
