package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a retired event type into its current form when read. A breaking change to an event is a new type: the old
 * one stays in the envelope's union (the registry keeps old events readable), no decider emits it again, and its
 * upcaster turns each old event into the new type, so deciders, projections, sagas and the history see only
 * current types.
 *
 * @param retired   the retired payload class, still a member of the event envelope's payload union
 * @param toCurrent what an old event becomes: a current (not retired) member of the same union
 */
public record Upcaster<O extends SpecificRecord>(Class<O> retired, Function<O, SpecificRecord> toCurrent) {

    public Upcaster {
        Objects.requireNonNull(retired, "retired");
        Objects.requireNonNull(toCurrent, "toCurrent");
    }

    public static <O extends SpecificRecord> Upcaster<O> of(Class<O> retired, Function<O, SpecificRecord> toCurrent) {
        return new Upcaster<>(retired, toCurrent);
    }

    SpecificRecord apply(SpecificRecord old) {
        return toCurrent.apply(retired.cast(old));
    }
}
