package io.eventloom.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the runtime is told of its projections when it starts: each one's generation (none named: generation 1); the
 * projections whose rows in the runtime's own stores the current row schemas cannot read ({@code broken}, with every
 * projection the runtime computes from one); and those to build again before they are read ({@code unreadable}:
 * their live generation's rows cannot be read).
 */
public record ProjectionStates(Map<String, ProjectionGeneration> generations, Set<String> broken,
                               Set<String> unreadable) {

    /** Every projection at generation 1, all readable: a runtime never told otherwise. */
    public static final ProjectionStates BUILT_IN = new ProjectionStates(Map.of(), Set.of(), Set.of());

    public ProjectionStates {
        generations = Map.copyOf(generations);
        broken = Set.copyOf(broken);
        unreadable = Set.copyOf(unreadable);
    }

    /**
     * @param brokenStores       projections whose store in the runtime's own topology holds rows the current row
     *                           schema cannot read
     * @param unreadableRebuilds projections read from a rebuilt generation whose stores hold such rows
     */
    public static ProjectionStates of(List<ProjectionType<?>> projections,
                                      Map<String, ProjectionGeneration> generations, Set<String> brokenStores,
                                      Set<String> unreadableRebuilds) {
        Set<String> broken = new HashSet<>(brokenStores);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProjectionType<?> projection : projections) {
                if (!broken.contains(projection.name())
                        && projection.builtFrom().stream().anyMatch(input -> broken.contains(input.name()))) {
                    broken.add(projection.name());
                    grew = true;
                }
            }
        }
        Set<String> unreadable = new HashSet<>(unreadableRebuilds);
        for (String name : broken) {
            if (generations.getOrDefault(name, ProjectionGeneration.BUILT_IN).live() == 1) {
                unreadable.add(name);
            }
        }
        return new ProjectionStates(generations, broken, unreadable);
    }

    public ProjectionGeneration of(String projection) {
        return generations.getOrDefault(projection, ProjectionGeneration.BUILT_IN);
    }

    /**
     * The projections the runtime's own topology need not keep, given the live generations now: the broken ones and
     * those read from a rebuilt generation, unless a projection it keeps is computed from them.
     */
    Set<String> retiredFromRuntime(List<ProjectionType<?>> projections, Map<String, ProjectionGeneration> live) {
        Set<String> retired = new HashSet<>(broken);
        projections.stream().map(ProjectionType::name)
                .filter(name -> live.getOrDefault(name, ProjectionGeneration.BUILT_IN).live() > 1)
                .forEach(retired::add);
        boolean shrank = true;
        while (shrank) {
            shrank = false;
            for (ProjectionType<?> projection : projections) {
                if (!retired.contains(projection.name())) {
                    for (ProjectionType<?> input : projection.builtFrom()) {
                        shrank |= retired.remove(input.name());
                    }
                }
            }
        }
        return retired;
    }
}
