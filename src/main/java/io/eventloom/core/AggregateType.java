package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One aggregate type as the runtime needs it: its name (the {@code T} in {@code shop.T.commands}), its decider,
 * the Avro classes of its command envelope, event envelope and state, and the codec of those envelopes.
 *
 * <p>Both envelopes follow the {@link EnvelopeConvention}, so the runtime reads and writes them without knowing
 * the type.
 */
public final class AggregateType<S extends SpecificRecord> {

    private final String name;
    private final Decider<SpecificRecord, SpecificRecord, S> decider;
    private final Class<? extends SpecificRecord> commandEnvelope;
    private final Class<? extends SpecificRecord> eventEnvelope;
    private final Class<S> state;
    private final List<Upcaster<?>> upcasters;
    private final EnvelopeCodec codec;

    /**
     * @throws IllegalArgumentException when the name does not follow the pattern of names, or the envelopes depart
     *                                  from the {@link EnvelopeConvention} (naming every field that does)
     */
    public AggregateType(String name, Decider<SpecificRecord, SpecificRecord, S> decider,
                         Class<? extends SpecificRecord> commandEnvelope,
                         Class<? extends SpecificRecord> eventEnvelope, Class<S> state) {
        this(name, decider, commandEnvelope, eventEnvelope, state, List.of());
    }

    private AggregateType(String name, Decider<SpecificRecord, SpecificRecord, S> decider,
                          Class<? extends SpecificRecord> commandEnvelope,
                          Class<? extends SpecificRecord> eventEnvelope, Class<S> state, List<Upcaster<?>> upcasters) {
        this.name = Names.require("aggregate type", name);
        this.decider = Objects.requireNonNull(decider, "decider");
        this.commandEnvelope = Objects.requireNonNull(commandEnvelope, "commandEnvelope");
        this.eventEnvelope = Objects.requireNonNull(eventEnvelope, "eventEnvelope");
        this.state = Objects.requireNonNull(state, "state");
        this.upcasters = List.copyOf(upcasters);
        this.codec = EnvelopeCodec.of(name, commandEnvelope, eventEnvelope, this.upcasters);
    }

    /**
     * This type with upcasters of its retired event types: every event read is in its current form.
     *
     * @throws IllegalArgumentException when an upcaster's retired class is not one of this type's events
     */
    public AggregateType<S> withUpcasters(Upcaster<?>... more) {
        List<Upcaster<?>> all = new ArrayList<>(upcasters);
        all.addAll(List.of(more));
        return new AggregateType<>(name, decider, commandEnvelope, eventEnvelope, state, all);
    }

    public String name() {
        return name;
    }

    public Decider<SpecificRecord, SpecificRecord, S> decider() {
        return decider;
    }

    public Class<? extends SpecificRecord> commandEnvelope() {
        return commandEnvelope;
    }

    public Class<? extends SpecificRecord> eventEnvelope() {
        return eventEnvelope;
    }

    public Class<S> state() {
        return state;
    }

    /** Reads and writes this type's envelopes; built once, when the type is declared. */
    public EnvelopeCodec codec() {
        return codec;
    }

    @Override
    public String toString() {
        return "AggregateType[" + name + "]";
    }
}
