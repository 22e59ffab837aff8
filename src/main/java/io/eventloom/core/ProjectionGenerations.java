package io.eventloom.core;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The generations of the projections on this instance: which one is read, and the Kafka Streams applications of the
 * rebuilt ones. Told each projection's {@link ProjectionGeneration} as it changes (every instance follows the same
 * topic), it starts the generation being built, switches reads to it once it is live, and removes the one before.
 */
public final class ProjectionGenerations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The runtime's application that computes generation 1 (its commands application or its projections one, as
     * placed); empty for a domain without projections placed in an application of their own.
     */
    private final Optional<KafkaStreams> builtIn;
    private final Map<String, ProjectionType<?>> projections = new LinkedHashMap<>();
    private final BiFunction<ProjectionType<?>, Integer, ProjectionBuild> starter;
    private final ProjectionStates atStart;
    private final RetiredProjections retired;
    private final Map<String, ProjectionGeneration> states = new HashMap<>();
    /** Projections with no generation this code can read yet: read once a generation built by it is live. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private boolean closed;
    /** Per projection, its running builds by generation. */
    private final Map<String, Map<Integer, ProjectionBuild>> builds = new HashMap<>();
    /** Per projection whose read generation is a rebuilt one, that generation's application: read without locks. */
    private final Map<String, KafkaStreams> read = new ConcurrentHashMap<>();
    /**
     * Stops and deletes generations no longer needed, off the caller's thread: closing an application can take
     * seconds, and the caller is the reader of the generations topic, whose health readiness watches.
     */
    private final ExecutorService removals = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-generation-removal");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionGenerations(Optional<KafkaStreams> builtIn, List<ProjectionType<?>> projections,
                          BiFunction<ProjectionType<?>, Integer, ProjectionBuild> starter, ProjectionStates atStart,
                          RetiredProjections retired) {
        this.builtIn = builtIn;
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.starter = starter;
        this.atStart = atStart;
        this.retired = retired;
        this.states.putAll(atStart.generations());
        this.unreadable.addAll(atStart.unreadable());
    }

    /** Whether the domain has a projection of this name. */
    boolean has(String projection) {
        return projections.containsKey(projection);
    }

    /**
     * The Kafka Streams application whose store of this projection answers reads: a rebuilt generation's for a
     * projection read from one, else the runtime's application that computes generation 1.
     *
     * @throws StoreUnavailableException for a projection whose rows cannot be read until a rebuilt generation is live
     */
    public KafkaStreams streamsFor(String projection) {
        if (unreadable.contains(projection)) {
            throw new StoreUnavailableException("projection " + projection + " is being rebuilt from the events: the"
                    + " rows it had cannot be read with its current row schema");
        }
        KafkaStreams rebuilt = read.get(projection);
        return rebuilt != null ? rebuilt : builtIn.orElseThrow(() -> new IllegalArgumentException(
                "no projection is named " + projection));
    }

    /** The runtime's application that computes generation 1 of every projection. */
    KafkaStreams builtIn() {
        return builtIn.orElseThrow(() -> new IllegalStateException("the domain has no projections"));
    }

    /** Projections with no generation this code can read yet, which are rebuilt before they are read. */
    public Set<String> unreadable() {
        return Set.copyOf(unreadable);
    }

    /** The generation of the projection as this instance last heard of it. */
    public synchronized ProjectionGeneration of(String projection) {
        return states.getOrDefault(projection, ProjectionGeneration.BUILT_IN);
    }

    /** The application building or serving a generation on this instance, when it runs here. */
    public synchronized Optional<KafkaStreams> build(String projection, int generation) {
        return running(projection, generation).map(ProjectionBuild::streams);
    }

    synchronized Optional<ProjectionBuild> running(String projection, int generation) {
        return Optional.ofNullable(builds.getOrDefault(projection, Map.of()).get(generation));
    }

    /** Whether the projection has no generation this code can read yet. */
    boolean isUnreadable(String projection) {
        return unreadable.contains(projection);
    }

    /**
     * Brings this instance to the projection's generation: the live and the building generation run, reads go to the
     * live one, any other generation's application is stopped and its local state deleted. A projection this
     * domain does not have is ignored (another deployment's, or one removed since).
     */
    public synchronized void apply(String projection, ProjectionGeneration state) {
        if (closed) {
            // The runtime is stopping: a change read now must not start an application nobody would stop.
            return;
        }
        ProjectionType<?> type = projections.get(projection);
        if (type == null) {
            log.warn("Ignoring generation {} of projection '{}', which this domain does not have", state.text(),
                    projection);
            return;
        }
        ProjectionGeneration before = states.getOrDefault(projection, ProjectionGeneration.BUILT_IN);
        Map<Integer, ProjectionBuild> running = builds.computeIfAbsent(projection, name -> new HashMap<>());
        state.building().ifPresent(generation -> running.computeIfAbsent(generation,
                g -> starter.apply(type, g)));
        if (state.live() > before.live()) {
            // A generation switched to was built by this code, from the events: its rows can be read.
            unreadable.remove(projection);
        }
        if (state.live() > 1 && !unreadable.contains(projection)) {
            ProjectionBuild live = running.computeIfAbsent(state.live(), g -> starter.apply(type, g));
            read.put(projection, live.streams());
        } else {
            read.remove(projection);
        }
        states.put(projection, state);
        retired.retire(atStart.retiredFromRuntime(List.copyOf(projections.values()), states));
        if (before.live() != state.live()) {
            log.info("Projection {}: reads switched from generation {} to generation {}{}", projection,
                    before.live(), state.live(), before.live() == 1
                            ? " (generation 1 is part of the runtime's own topology: it is no longer read)" : "");
        }
        for (Iterator<ProjectionBuild> it = running.values().iterator(); it.hasNext(); ) {
            ProjectionBuild build = it.next();
            boolean needed = build.generation() == state.live() && !unreadable.contains(projection)
                    || state.building().stream().anyMatch(generation -> generation == build.generation());
            if (!needed) {
                it.remove();
                removals.execute(build::remove);
            }
        }
    }

    /** Finishes the removals under way and stops every rebuilt generation's application, keeping its local state. */
    @Override
    public synchronized void close() {
        closed = true;
        read.clear();
        removals.shutdown();
        try {
            if (!removals.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Removing old projection generations did not finish within {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        builds.values().forEach(running -> running.values().forEach(ProjectionBuild::close));
        builds.clear();
    }
}
