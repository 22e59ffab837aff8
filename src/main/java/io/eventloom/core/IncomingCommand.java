package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A command envelope's fields as the runtime reads them, whatever the aggregate type. */
public record IncomingCommand(
        String commandId,
        String aggregateId,
        OptionalLong expectedVersion,
        Instant issuedAt,
        String correlationId,
        Optional<String> causationId,
        Map<String, String> metadata,
        SpecificRecord payload) {

    public IncomingCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(payload, "payload");
    }
}
