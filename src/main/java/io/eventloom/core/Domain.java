package io.eventloom.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a deployment runs: its aggregate types, process managers and projections. Adding one is one more
 * entry.
 */
public record Domain(List<AggregateType<?>> aggregates, List<ProcessType<?>> processes,
                     List<ProjectionType<?>> projections) {

    public Domain {
        aggregates = List.copyOf(aggregates);
        processes = List.copyOf(processes);
        projections = List.copyOf(projections);
        Set<String> names = new HashSet<>();
        List<String> all = new ArrayList<>();
        aggregates.forEach(a -> all.add(a.name()));
        processes.forEach(p -> all.add(p.name()));
        projections.forEach(p -> all.add(p.name()));
        for (String name : all) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("name '" + name + "' is registered twice");
            }
        }
    }

    /** A domain without projections. */
    public Domain(List<AggregateType<?>> aggregates, List<ProcessType<?>> processes) {
        this(aggregates, processes, List.of());
    }

    public static Domain of(List<AggregateType<?>> aggregates) {
        return new Domain(aggregates, List.of(), List.of());
    }

    public Optional<AggregateType<?>> aggregate(String name) {
        return aggregates.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
