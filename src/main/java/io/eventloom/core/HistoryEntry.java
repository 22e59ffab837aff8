package io.eventloom.core;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An event as the history holds it: the event, and the schema it was written with (its registry id, and its
 * version under the events subject, empty when the registry cannot say now).
 */
public record HistoryEntry(StoredEvent event, int schemaId, OptionalInt schemaVersion) {

    public HistoryEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
    }
}
