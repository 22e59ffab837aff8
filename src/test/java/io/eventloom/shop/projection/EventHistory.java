package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Optional;

/** One aggregate's events as the runtime would store them: versions from 1, a minute apart from {@link #START}. */
final class EventHistory {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private EventHistory() {
    }

    static StoredEvent event(String aggregateId, long version, SpecificRecord payload) {
        return new StoredEvent("event-" + aggregateId + "-" + version, aggregateId, version, at(version),
                "command-" + version, "correlation-" + aggregateId, Optional.empty(), payload);
    }

    /** When the event at this version occurred. */
    static Instant at(long version) {
        return START.plusSeconds(60 * (version - 1));
    }

    /** The row after folding the payloads, in order, as events 1, 2, … of the aggregate. */
    static <R> R fold(ProjectionType.EventFold<R> fold, String aggregateId, SpecificRecord... payloads) {
        R row = null;
        for (int i = 0; i < payloads.length; i++) {
            row = fold.apply(row, event(aggregateId, i + 1, payloads[i]));
        }
        return row;
    }
}
