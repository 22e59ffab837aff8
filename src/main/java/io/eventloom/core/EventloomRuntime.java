package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The domain running: a Kafka Streams application with a command sub-topology per registered aggregate type, the
 * process managers and, placed with the commands, the projections; or, placed in an application of their own, the
 * projections beside it. And the readers of their stores.
 */
public final class EventloomRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final List<KafkaStreams> applications;
    private final AggregateReader aggregates;
    private final ProjectionReader projections;
    private final StreamsHealth health;
    private final DeadLetters deadLetters;
    private final RestoreProgress restores;
    private final List<AggregateTopics<?>> topics;
    private final ProjectionGenerations generations;
    private final ProjectionLag lag;
    private final ProjectionsHealth projectionsHealth;

    private EventloomRuntime(KafkaStreams streams, List<KafkaStreams> applications, AggregateReader aggregates,
                             ProjectionReader projections, StreamsHealth health, DeadLetters deadLetters,
                             RestoreProgress restores, List<AggregateTopics<?>> topics, ProjectionGenerations generations, ProjectionLag lag,
                             ProjectionsHealth projectionsHealth) {
        this.streams = streams;
        this.applications = List.copyOf(applications);
        this.aggregates = aggregates;
        this.projections = projections;
        this.health = health;
        this.deadLetters = deadLetters;
        this.restores = restores;
        this.topics = topics;
        this.generations = generations;
        this.lag = lag;
        this.projectionsHealth = projectionsHealth;
    }

    /**
     * The topology for this domain; the same domain and settings always give the same description.
     *
     * @param serdes   serdes of the public topics (commands, events, results), under their topics' subjects
     * @param internal serdes of the stores and internal topics, whose schemas the runtime owns and registers
     */
    public static Topology topology(Domain domain, TopologySettings settings, AvroSerdes serdes,
                                    AvroSerdes internal) {
        return topology(domain, settings, AggregateTopics.of(domain.aggregates(), settings.topics(), serdes, internal),
                internal);
    }

    private static Topology topology(Domain domain, TopologySettings settings, List<AggregateTopics<?>> topics,
                                     AvroSerdes internal) {
        return topology(domain, settings, topics, internal, Optional.of(new RetiredProjections(Set.of())));
    }

    /**
     * The commands' topology: the process managers, the aggregates' command processors and, when
     * {@code withProjections} is given (what they retire), the projections between them: the order that numbers
     * their sub-topologies, and so their task directories, as they always were.
     */
    private static Topology topology(Domain domain, TopologySettings settings, List<AggregateTopics<?>> topics,
                                     AvroSerdes internal, Optional<RetiredProjections> withProjections) {
        Map<String, AggregateTopics<?>> types = byName(topics);
        StreamsBuilder builder = new StreamsBuilder();
        SourceStreams sources = new SourceStreams(builder, types);
        Map<String, List<KStream<String, SpecificRecord>>> fromProcesses = new HashMap<>();
        for (ProcessType<?> process : domain.processes()) {
            addProcess(builder, sources, process, types, settings, internal)
                    .forEach((type, commands) -> fromProcesses.computeIfAbsent(type, t -> new ArrayList<>())
                            .add(commands));
        }
        withProjections.ifPresent(retired -> ProjectionTopology.addTo(sources, types, domain.projections(), internal,
                settings.recordLimit(), retired));
        for (AggregateTopics<?> type : topics) {
            addAggregate(builder, type, settings, fromProcesses.getOrDefault(type.type().name(), List.of()));
        }
        return builder.build();
    }

    /** The projections' topology, for an application of their own; none for a domain without projections. */
    private static Optional<Topology> projectionsTopology(Domain domain, TopologySettings settings,
                                                         List<AggregateTopics<?>> topics, AvroSerdes internal,
                                                         RetiredProjections retired) {
        if (domain.projections().isEmpty()) {
            // Kafka Streams refuses a topology that reads nothing.
            return Optional.empty();
        }
        Map<String, AggregateTopics<?>> types = byName(topics);
        StreamsBuilder builder = new StreamsBuilder();
        ProjectionTopology.addTo(new SourceStreams(builder, types), types, domain.projections(), internal,
                settings.recordLimit(), retired);
        return Optional.of(builder.build());
    }

    private static Map<String, AggregateTopics<?>> byName(List<AggregateTopics<?>> topics) {
        Map<String, AggregateTopics<?>> types = new LinkedHashMap<>();
        topics.forEach(type -> types.put(type.type().name(), type));
        return types;
    }

    /** Builds the topology and starts Kafka Streams; every topic it uses must exist already. */
    public static EventloomRuntime start(RuntimeSettings runtime, TopologySettings settings, Domain domain,
                                         AvroSerdes serdes, AvroSerdes internal) {
        return start(runtime, settings, domain, serdes, internal, ProjectionStates.BUILT_IN);
    }

    /**
     * As {@link #start(RuntimeSettings, TopologySettings, Domain, AvroSerdes, AvroSerdes)}, with the projections'
     * generations as they stand: a projection the runtime's own topology need not keep gets a store that keeps
     * nothing, and a rebuilt generation that is read starts with it. Its meters are kept in memory only.
     */
    public static EventloomRuntime start(RuntimeSettings runtime, TopologySettings settings, Domain domain,
                                         AvroSerdes serdes, AvroSerdes internal, ProjectionStates projectionStates) {
        return start(runtime, settings, domain, serdes, internal, projectionStates, RuntimeMetrics.inMemory());
    }

    /**
     * As {@link #start(RuntimeSettings, TopologySettings, Domain, AvroSerdes, AvroSerdes, ProjectionStates)},
     * publishing the runtime's meters (commands, events, dead letters, processes, projection lag, restores) there.
     */
    public static EventloomRuntime start(RuntimeSettings runtime, TopologySettings settings, Domain domain,
                                         AvroSerdes serdes, AvroSerdes internal, ProjectionStates projectionStates,
                                         RuntimeMetrics metrics) {
        RetiredProjections retired = new RetiredProjections(projectionStates.retiredFromRuntime(domain.projections(),
                projectionStates.generations()));
        RetiredStores.delete(runtime.stateDir().resolve(runtime.projectionsApplicationId()), retired.atStart());
        List<AggregateTopics<?>> topics = AggregateTopics.of(domain.aggregates(), settings.topics(), serdes, internal);
        DeadLetters deadLetters = new DeadLetters();
        ThreadFailures failures = new ThreadFailures(Clock.systemUTC());
        RestoreProgress restores = new RestoreProgress(metrics);
        boolean ownApplication = runtime.projectionsPlacement() == ProjectionsPlacement.OWN_APPLICATION;
        KafkaStreams commands = application(topology(domain, settings, topics, internal,
                ownApplication ? Optional.empty() : Optional.of(retired)), runtime, settings, deadLetters, metrics,
                failures, restores);
        Optional<KafkaStreams> projectionsApplication = ownApplication
                ? projectionsTopology(domain, settings, topics, internal, retired).map(topology -> application(
                        topology, runtime.projectionsApplication(), settings, deadLetters, metrics, failures,
                        restores))
                : Optional.empty();
        List<KafkaStreams> applications = new ArrayList<>();
        applications.add(commands);
        projectionsApplication.ifPresent(applications::add);
        StreamsHealth health = new StreamsHealth(() -> StreamsHealth.leastReady(applications), failures, restores);
        for (KafkaStreams application : applications) {
            String name = application == commands ? "" : " (projections)";
            application.setStateListener((now, before) -> {
                log.info("Kafka Streams{} {} -> {}", name, before, now);
                health.onChange(StreamsHealth.leastReady(applications));
            });
            application.start();
        }
        // Kafka Streams can say where a key lives only when instances advertise where they serve.
        LocalStoreQuery.Placement placement = runtime.applicationServer().isPresent()
                ? LocalStoreQuery.Placement.METADATA : LocalStoreQuery.Placement.ALONE;
        ProjectionGenerations generations = new ProjectionGenerations(
                ownApplication ? projectionsApplication : Optional.of(commands), domain.projections(),
                (projection, generation) -> ProjectionBuild.start(projection, generation, runtime, settings, topics,
                        internal, metrics), projectionStates, retired);
        // Registered now, so that a process without instances on this instance reads 0 rather than nothing.
        domain.processes().forEach(process -> metrics.sagaInstances(process.name()));
        ProjectionLag lag = ProjectionLag.of(runtime, domain, settings.topics(), generations);
        domain.projections().forEach(projection -> metrics.projectionLag(projection.name(), lag,
                lags -> lags.of(projection.name()).records(), lags -> lags.of(projection.name()).seconds()));
        return new EventloomRuntime(commands, applications,
                new AggregateReader(commands, settings.partitions(), topics),
                new ProjectionReader(generations::streamsFor, placement, domain.projections()), health, deadLetters,
                restores, topics, generations, lag, new ProjectionsHealth(domain.projections(), generations, restores));
    }

    /** One of the runtime's Kafka Streams applications, configured and watched like the other, not started. */
    private static KafkaStreams application(Topology topology, RuntimeSettings runtime, TopologySettings settings,
                                            DeadLetters deadLetters, RuntimeMetrics metrics, ThreadFailures failures,
                                            RestoreProgress restores) {
        Properties properties = new Properties();
        properties.putAll(runtime.streamsConfig(settings, deadLetters));
        properties.put(RuntimeMetrics.CONFIG, metrics);
        StaticMembership.addTo(properties, runtime.stateDir(), runtime.applicationId());
        KafkaStreams streams = new KafkaStreams(topology, properties);
        replaceFailedThreads(streams, failures);
        // The two applications' store names differ, so one listener follows both.
        streams.setGlobalStateRestoreListener(restores);
        return streams;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, KStream<String, SpecificRecord>> addProcess(
            StreamsBuilder builder, SourceStreams sources, ProcessType<?> process,
            Map<String, AggregateTopics<?>> types, TopologySettings settings, AvroSerdes internal) {
        return ProcessTopology.addTo(builder, sources, (ProcessType) process, types, settings,
                internal.specificValue(process.state()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addAggregate(StreamsBuilder builder, AggregateTopics<?> type, TopologySettings settings,
                                     List<KStream<String, SpecificRecord>> fromProcesses) {
        AggregateTopology.addTo(builder, (AggregateTopics) type, settings, fromProcesses);
    }

    /**
     * A failed stream thread is replaced after a growing pause: its transaction was aborted, so nothing is lost, and
     * a fault that lasts (the registry down) is retried without a tight loop of rebalances.
     */
    static void replaceFailedThreads(KafkaStreams streams, ThreadFailures failures) {
        streams.setUncaughtExceptionHandler(error -> {
            Duration pause = failures.failed(error);
            log.error("Stream thread failed; its transaction was aborted, nothing is lost. Replacing it in {} ms",
                    pause.toMillis(), error);
            pauseBeforeReplacing(pause);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    // The handler runs on the dying thread before it is replaced: pausing here spaces out the retries.
    private static void pauseBeforeReplacing(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The commands' Kafka Streams application: the aggregates' command processors and the process managers. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The runtime's Kafka Streams applications: the commands', then the projections' when they have their own. */
    public List<KafkaStreams> applications() {
        return applications;
    }

    /**
     * The Kafka Streams application whose store of this name answers reads: for a projection, the generation that is
     * read (generation 1 in the runtime's own application that computes it, a rebuilt one in its own); for anything
     * else the commands' application.
     */
    public KafkaStreams streamsFor(String store) {
        return generations.has(store) ? generations.streamsFor(store) : streams;
    }

    /** The projections' generations on this instance, which {@code projections rebuild} moves on. */
    public ProjectionGenerations projectionGenerations() {
        return generations;
    }

    /** Each aggregate type's topics as this runtime reads and writes them; a gateway sends on these. */
    public List<AggregateTopics<?>> topics() {
        return topics;
    }

    /** Reads aggregates' snapshots and histories from this instance's stores. */
    public AggregateReader aggregates() {
        return aggregates;
    }

    /** Reads projection rows from this instance's stores. */
    public ProjectionReader projections() {
        return projections;
    }

    /** Records this instance restored into its stores from changelogs since it started. */
    public long restoredRecords() {
        return restores.restoredRecords();
    }

    /** What this instance dead-lettered since it started. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * The runtime's readiness: it can serve reads and accept commands (Kafka Streams RUNNING, or REBALANCING after it
     * has run since start) and no stream thread failed in the last seconds; never failing readiness, the dead
     * letters written since start; and each projection's generation and status, down only while a projection's
     * application has failed.
     */
    public List<HealthCheck> health() {
        return List.of(health.readiness(), deadLetters, projectionsHealth);
    }

    /** The runtime's liveness: down only while Kafka Streams has failed for good (ERROR), which a restart mends. */
    public HealthCheck liveness() {
        return health.liveness();
    }

    /**
     * Waits until the runtime's Kafka Streams applications are running (their stores restored and queryable), or
     * fails after the timeout.
     */
    public void awaitRunning(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        KafkaStreams.State state;
        while ((state = StreamsHealth.leastReady(applications)) != KafkaStreams.State.RUNNING) {
            if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + state);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + ": " + state);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka Streams", e);
            }
        }
    }

    /**
     * Stops processing after the current commit and leaves the groups, so the partitions move to the other
     * instances (or to this one's next start) at once instead of after the session timeout.
     */
    @Override
    public void close() {
        lag.close();
        generations.close();
        // Both at once: each waits for its own threads' last commit, and neither needs the other to finish.
        List<Thread> closing = new ArrayList<>();
        for (KafkaStreams application : applications) {
            Thread thread = new Thread(() -> close(application), "eventloom-close");
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(KafkaStreams application) {
        if (!application.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT))) {
            log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
