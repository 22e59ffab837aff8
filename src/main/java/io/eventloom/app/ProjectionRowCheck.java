package io.eventloom.app;

import io.eventloom.core.AggregateStores;
import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionStates;
import io.eventloom.core.ProjectionType;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At start, asks the registry whether each projection's current row schema can read the rows its stores hold: the
 * schemas under their changelogs' subjects, at the level the registry keeps there (rows: every earlier version). A
 * projection whose rows cannot be read is built again from the events, as a snapshot is.
 */
final class ProjectionRowCheck {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRowCheck.class);

    private ProjectionRowCheck() {
    }

    /**
     * The projections' states; with the registry unreachable (a fault the runtime rides out), the rows are taken to
     * be readable, as they were before this check, and the log says so.
     *
     * @param applicationId         the runtime's, after which each rebuilt generation's application is named
     * @param builtInApplicationId  the application that computes generation 1, whose stores' rows are checked
     */
    static ProjectionStates states(Domain domain, Map<String, ProjectionGeneration> generations,
                                   SchemaRegistryClient registry, String applicationId, String builtInApplicationId) {
        try {
            return checked(domain, generations, registry, applicationId, builtInApplicationId);
        } catch (SchemaRegistryException e) {
            if (!e.isTransient()) {
                throw e;
            }
            log.warn("Cannot ask the schema registry now whether the projections' rows can be read ({}); taking them"
                    + " to be readable. A restart with the registry reachable checks again", e.getMessage());
            return ProjectionStates.of(domain.projections(), generations, Set.of(), Set.of());
        }
    }

    private static ProjectionStates checked(Domain domain, Map<String, ProjectionGeneration> generations,
                                            SchemaRegistryClient registry, String applicationId,
                                            String builtInApplicationId) {
        Set<String> brokenStores = new HashSet<>();
        Set<String> unreadableRebuilds = new HashSet<>();
        for (ProjectionType<?> projection : domain.projections()) {
            if (!problems(registry, builtInApplicationId, projection).isEmpty()) {
                brokenStores.add(projection.name());
            }
            int live = generations.getOrDefault(projection.name(), ProjectionGeneration.BUILT_IN).live();
            if (live > 1) {
                String buildId = ProjectionGeneration.applicationId(applicationId, projection.name(), live);
                if (projection.withEverythingBuiltFrom().stream()
                        .anyMatch(store -> !problems(registry, buildId, store).isEmpty())) {
                    unreadableRebuilds.add(projection.name());
                }
            }
        }
        ProjectionStates states = ProjectionStates.of(domain.projections(), generations, brokenStores,
                unreadableRebuilds);
        if (!states.unreadable().isEmpty()) {
            log.warn("Projections {} hold rows their current row schemas cannot read: each is rebuilt from the events"
                    + " beside the old one, and its reads answer 503 until then", states.unreadable());
        }
        return states;
    }

    private static List<String> problems(SchemaRegistryClient registry, String applicationId,
                                         ProjectionType<?> store) {
        String subject = AggregateStores.changelog(applicationId, store.name()) + "-value";
        try {
            List<String> problems = registry.compatibilityProblems(subject,
                    SpecificData.get().getSchema(store.row()));
            if (!problems.isEmpty()) {
                log.warn("The rows of {} in {} cannot be read with the current row schema: {}", store.name(),
                        subject, problems);
            }
            return problems;
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }
}
