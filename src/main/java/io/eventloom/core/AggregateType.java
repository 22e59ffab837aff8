package io.eventloom.core;

import io.eventloom.serde.GeneratedTypesTrust;
import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * One aggregate type as the runtime needs it: its name (the {@code T} in {@code shop.T.commands}), its decider,
 * and the Avro classes of its command envelope, event envelope and state.
 *
 * <p>Envelopes follow one convention so the runtime can read and write them without knowing the type.
 * Command envelope fields: {@code commandId}, {@code aggregateId} (strings), {@code expectedVersion}
 * ({@code ["null","long"]}), {@code issuedAt} (long, timestamp-millis), {@code correlationId} (string),
 * {@code causationId} ({@code ["null","string"]}), {@code metadata} (map of strings), {@code payload}
 * (union of the type's command records). Event envelope fields: {@code eventId}, {@code aggregateId},
 * {@code version} (long), {@code occurredAt} (long, timestamp-millis), {@code commandId}, {@code correlationId},
 * {@code causationId} ({@code ["null","string"]}), {@code payload} (union of the type's event records).
 */
public record AggregateType<S extends SpecificRecord>(
        String name,
        Decider<SpecificRecord, SpecificRecord, S> decider,
        Class<? extends SpecificRecord> commandEnvelope,
        Class<? extends SpecificRecord> eventEnvelope,
        Class<S> state) {

    public AggregateType {
        // Deciders copy generated state with builders, which load generated classes by name.
        GeneratedTypesTrust.install();
        Names.require("aggregate type", name);
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(commandEnvelope, "commandEnvelope");
        Objects.requireNonNull(eventEnvelope, "eventEnvelope");
        Objects.requireNonNull(state, "state");
    }
}
