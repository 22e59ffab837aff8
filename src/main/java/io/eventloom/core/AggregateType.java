package io.eventloom.core;

import io.eventloom.serde.GeneratedTypesTrust;
import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * One aggregate type as the runtime needs it: its name (the {@code T} in {@code shop.T.commands}), its decider,
 * and the Avro classes of its command envelope, event envelope and state.
 *
 * <p>Both envelopes follow the {@link EnvelopeConvention}, so the runtime reads and writes them without knowing
 * the type.
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
