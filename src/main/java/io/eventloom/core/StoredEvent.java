package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An event envelope's fields as the runtime reads them, whatever the aggregate type. */
public record StoredEvent(
        String eventId,
        String aggregateId,
        long version,
        Instant occurredAt,
        String commandId,
        String correlationId,
        Optional<String> causationId,
        SpecificRecord payload) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(payload, "payload");
    }
}
