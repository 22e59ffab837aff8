package io.eventloom.app;

import io.eventloom.cli.GroupCatchUp;
import io.eventloom.core.GroupOffsets;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One projection's rebuild, step by step: the next generation is announced in the projection-generations topic (the
 * instances start building it), its catch-up is watched, reads are switched to it, and the generation before is
 * removed. Every step can be run again, by another process too: it picks up where the topic says the rebuild is.
 */
final class ProjectionRebuild {

    static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(60);

    /** The rebuild as it began: the generation read then, and the one being built. */
    record Started(ProjectionGeneration building, boolean resumed) {

        int generation() {
            return building.building().getAsInt();
        }

        int previous() {
            return building.live();
        }
    }

    private final KafkaClientSettings kafka;
    private final Admin admin;
    private final TopicNames topics;
    private final String applicationId;
    private final ProjectionType<?> projection;
    private final Duration timeout;

    /** @param timeout for each call to Kafka */
    ProjectionRebuild(KafkaClientSettings kafka, Admin admin, TopicNames topics, String applicationId,
                      ProjectionType<?> projection, Duration timeout) {
        this.kafka = kafka;
        this.admin = admin;
        this.topics = topics;
        this.applicationId = applicationId;
        this.projection = projection;
        this.timeout = timeout;
    }

    /** Announces the next generation, or finds the one being built already. */
    Started start() throws TimeoutException, InterruptedException {
        ProjectionGeneration before = ProjectionGenerationLog.read(kafka, topics.projectionGenerations(), timeout)
                .getOrDefault(projection.name(), ProjectionGeneration.BUILT_IN);
        if (before.building().isPresent()) {
            return new Started(before, true);
        }
        ProjectionGeneration building = before.withNextBuilding();
        ProjectionGenerationLog.write(kafka, topics.projectionGenerations(), projection.name(), building, timeout);
        return new Started(building, false);
    }

    /** A rebuild switched to: the offsets its generation had read, and what became of the generation before. */
    record Finished(long offsetsRead, String previous) {
    }

    /**
     * Waits until the generation has caught up, telling {@code progress} each look, then switches reads to it and
     * removes the generation before.
     *
     * @return empty when {@code within} passed first: the generation goes on building, reads stay where they were
     */
    Optional<Finished> finish(Started started, Duration within, Consumer<GroupCatchUp.Position> progress)
            throws ExecutionException, InterruptedException, TimeoutException {
        OptionalLong read = awaitCaughtUp(started, within, progress);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        switchReads(started);
        return Optional.of(new Finished(read.getAsLong(), removePrevious(started)));
    }

    /**
     * Waits until the generation has read everything there is, telling {@code progress} each look.
     *
     * @return the offsets read then, or empty when {@code within} passed first
     */
    private OptionalLong awaitCaughtUp(Started started, Duration within, Consumer<GroupCatchUp.Position> progress)
            throws ExecutionException, InterruptedException, TimeoutException {
        String buildId = ProjectionGeneration.applicationId(applicationId, projection.name(), started.generation());
        Set<String> inputs = ProjectionGeneration.inputTopics(projection, topics, applicationId,
                started.generation());
        GroupCatchUp catchUp = new GroupCatchUp(new GroupOffsets(admin, timeout));
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            GroupCatchUp.Position position = catchUp.measure(buildId, inputs);
            progress.accept(position);
            if (position.caughtUp()) {
                return OptionalLong.of(position.done());
            }
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        }
        return OptionalLong.empty();
    }

    /** Switches reads to the generation on every instance. */
    private void switchReads(Started started) throws TimeoutException, InterruptedException {
        ProjectionGenerationLog.write(kafka, topics.projectionGenerations(), projection.name(),
                started.building().switched(), timeout);
    }

    /**
     * Once the instances have stopped the generation read before (they do on the switch), deletes its group and
     * topics; says what became of it.
     */
    private String removePrevious(Started started) throws ExecutionException, InterruptedException, TimeoutException {
        if (started.previous() == 1) {
            return "generation 1 is part of the runtime's own topology: it is no longer read, and unless a"
                    + " projection of generation 1 is computed from it each instance stops keeping its rows (at once"
                    + " for new updates, entirely at its next start)";
        }
        String oldId = ProjectionGeneration.applicationId(applicationId, projection.name(), started.previous());
        GroupOffsets offsets = new GroupOffsets(admin, timeout);
        Instant deadline = Instant.now().plus(REMOVAL_WAIT);
        while (offsets.members(oldId) > 0) {
            if (Instant.now().isAfter(deadline)) {
                return "application " + oldId + " still has members after " + REMOVAL_WAIT
                        + ": its group and topics are left in place";
            }
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        }
        List<String> old = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(topic -> topic.startsWith(oldId + "-")).sorted().toList();
        ignoring(UnknownTopicOrPartitionException.class, () -> admin.deleteTopics(old).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        ignoring(GroupIdNotFoundException.class, () -> admin.deleteConsumerGroups(List.of(oldId)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        return "application " + oldId + " removed with its group and " + old.size() + " topics";
    }

    /** A Kafka call whose {@code gone} failure means another process did it first. */
    private static void ignoring(Class<? extends Exception> gone, KafkaCall call)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            call.run();
        } catch (ExecutionException e) {
            if (!gone.isInstance(e.getCause())) {
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface KafkaCall {
        void run() throws ExecutionException, InterruptedException, TimeoutException;
    }
}
