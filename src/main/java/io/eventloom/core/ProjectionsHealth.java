package io.eventloom.core;

import org.apache.kafka.streams.KafkaStreams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each projection as this instance serves it, for {@code /health/ready}: the generation read and its status —
 * {@code RUNNING}, {@code RESTORING} (with how far), {@code REBUILDING} (no generation this code can read yet: reads
 * answer 503 until the rebuild switches), {@code FAILED} (its application has stopped for good) or, while it
 * starts or rebalances, Kafka Streams' state — and the generation being built beside it. Down only while a
 * projection's application has failed: the others and the commands still work, but its reads cannot.
 */
final class ProjectionsHealth implements HealthCheck {

    private final List<ProjectionType<?>> projections;
    private final ProjectionGenerations generations;
    private final RestoreProgress runtimeRestores;

    ProjectionsHealth(List<ProjectionType<?>> projections, ProjectionGenerations generations,
                      RestoreProgress runtimeRestores) {
        this.projections = List.copyOf(projections);
        this.generations = generations;
        this.runtimeRestores = runtimeRestores;
    }

    @Override
    public String name() {
        return "projections";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (ProjectionType<?> projection : projections) {
            String name = projection.name();
            ProjectionGeneration generation = generations.of(name);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("generation", generation.live());
            if (generations.isUnreadable(name)) {
                status.put("status", "REBUILDING");
            } else {
                Optional<ProjectionBuild> live = generation.live() == 1 ? Optional.empty()
                        : generations.running(name, generation.live());
                String state = live.isPresent() ? status(name, live.get().streams(), live.get().restores(), status)
                        : status(name, generations.builtIn(), runtimeRestores, status);
                up &= !state.equals("FAILED");
            }
            generation.building().ifPresent(building -> {
                Map<String, Object> built = new LinkedHashMap<>();
                built.put("generation", building);
                generations.running(name, building).ifPresentOrElse(
                        build -> status(name, build.streams(), build.restores(), built),
                        () -> built.put("status", "NOT_STARTED"));
                status.put("building", built);
            });
            details.put(name, status);
        }
        return up ? Health.up(details) : Health.down(details);
    }

    /** Puts the status of the projection's store in {@code streams} into {@code into}, and returns it. */
    private static String status(String store, KafkaStreams streams, RestoreProgress restores,
                                 Map<String, Object> into) {
        KafkaStreams.State state = streams.state();
        String status;
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
            status = "FAILED";
        } else if (restores.remaining(store) > 0) {
            status = "RESTORING";
            into.put("restoredRecords", restores.restored(store));
            into.put("recordsToRestore", restores.restored(store) + restores.remaining(store));
        } else {
            status = state.name();
        }
        into.put("status", status);
        return status;
    }
}
