package io.eventloom.core;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One aggregate type's upcasters, checked against its event envelope once, applied to every event read. */
final class Upcasters {

    private final Map<Class<?>, Upcaster<?>> byRetired;

    private Upcasters(Map<Class<?>, Upcaster<?>> byRetired) {
        this.byRetired = byRetired;
    }

    /**
     * @throws IllegalArgumentException when a retired class is not a member of the envelope's payload union, or two
     *                                  upcasters retire the same class
     */
    static Upcasters of(String typeName, Schema eventEnvelope, List<Upcaster<?>> upcasters) {
        Set<String> members = eventEnvelope.getField("payload").schema().getTypes().stream()
                .map(Schema::getFullName).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        upcasters.stream().map(Upcaster::retired)
                .filter(retired -> !members.contains(SpecificData.get().getSchema(retired).getFullName()))
                .forEach(retired -> problems.add(retired.getName() + " is not an event of " + typeName));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("aggregate type " + typeName + " has upcasters for types it does not"
                    + " have: " + String.join("; ", problems));
        }
        return new Upcasters(upcasters.stream().collect(Collectors.toUnmodifiableMap(Upcaster::retired,
                Function.identity())));
    }

    boolean isRetired(SpecificRecord payload) {
        return byRetired.containsKey(payload.getClass());
    }

    /** The current form of {@code payload}: itself unless retired, else its upcaster's result, upcast again. */
    SpecificRecord current(SpecificRecord payload) {
        SpecificRecord current = payload;
        // Each retired type leads to a newer one; more steps than upcasters would mean they lead in a circle.
        for (int steps = 0; isRetired(current); steps++) {
            if (steps == byRetired.size()) {
                throw new IllegalStateException("upcasters lead in a circle from " + payload.getClass().getName());
            }
            current = byRetired.get(current.getClass()).apply(current);
        }
        return current;
    }
}
