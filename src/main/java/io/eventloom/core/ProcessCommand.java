package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * A command a process manager sends. Its id must be derived from what triggered it (never random), so that
 * reprocessing the trigger yields the same id and the aggregate's deduplication applies the step only once.
 */
public record ProcessCommand(String aggregateType, String aggregateId, String commandId, String correlationId,
                             String causationId, SpecificRecord payload) {

    public ProcessCommand {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(payload, "payload");
    }
}
