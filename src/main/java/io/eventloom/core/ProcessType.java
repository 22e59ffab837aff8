package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Objects;

/**
 * One process manager as the runtime needs it: its name, logic, the Avro class of its state, the aggregate type
 * whose ids name its instances (that type's events reach their instance without a repartition, being keyed by
 * instance already), the aggregate types whose events and whose command results it listens to, and the aggregate
 * types it sends commands to.
 */
public record ProcessType<S extends SpecificRecord>(
        String name,
        ProcessManager<S> manager,
        Class<S> state,
        String instanceType,
        List<String> eventsOf,
        List<String> resultsOf,
        List<String> commandsTo) {

    public ProcessType {
        Names.require("process", name);
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(instanceType, "instanceType");
        eventsOf = List.copyOf(eventsOf);
        resultsOf = List.copyOf(resultsOf);
        commandsTo = List.copyOf(commandsTo);
        if (!resultsOf.stream().allMatch(commandsTo::contains)) {
            throw new IllegalArgumentException("process " + name + " listens to results of " + resultsOf
                    + " but sends commands only to " + commandsTo);
        }
    }
}
