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
import java.util.Properties;
import java.util.Set;

/**
 * The domain running: one Kafka Streams instance with a command sub-topology per registered aggregate type, the
 * process managers and the projections; and the readers of their stores.
 */
public final class EventloomRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final AggregateReader aggregates;
    private final ProjectionReader projections;
    private final StreamsHealth health;
    private final DeadLetters deadLetters;
    private final RestoreProgress restores;
    private final List<AggregateTopics<?>> topics;
    private final ProjectionGenerations generations;
    private final ProjectionLag lag;
    private final ProjectionsHealth projectionsHealth;

    private EventloomRuntime(KafkaStreams streams, AggregateReader aggregates, ProjectionReader projections,
                             StreamsHealth health, DeadLetters deadLetters, RestoreProgress restores,
                             List<AggregateTopics<?>> topics, ProjectionGenerations generations, ProjectionLag lag,
                             ProjectionsHealth projectionsHealth) {
        this.streams = streams;
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
        return topology(domain, settings, topics, internal, new RetiredProjections(Set.of()));
    }

    private static Topology topology(Domain domain, TopologySettings settings, List<AggregateTopics<?>> topics,
                                     AvroSerdes internal, RetiredProjections retired) {
        Map<String, AggregateTopics<?>> types = new LinkedHashMap<>();
        topics.forEach(type -> types.put(type.type().name(), type));
        StreamsBuilder builder = new StreamsBuilder();
        SourceStreams sources = new SourceStreams(builder, types);
        Map<String, List<KStream<String, SpecificRecord>>> fromProcesses = new HashMap<>();
        for (ProcessType<?> process : domain.processes()) {
            addProcess(builder, sources, process, types, settings, internal)
                    .forEach((type, commands) -> fromProcesses.computeIfAbsent(type, t -> new ArrayList<>())
                            .add(commands));
        }
        ProjectionTopology.addTo(sources, types, domain.projections(), internal, settings.recordLimit(), retired);
        for (AggregateTopics<?> type : topics) {
            addAggregate(builder, type, settings, fromProcesses.getOrDefault(type.type().name(), List.of()));
        }
        return builder.build();
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
        RetiredStores.delete(runtime.stateDir().resolve(runtime.applicationId()), retired.atStart());
        DeadLetters deadLetters = new DeadLetters();
        Properties properties = new Properties();
        properties.putAll(runtime.streamsConfig(settings, deadLetters));
        properties.put(RuntimeMetrics.CONFIG, metrics);
        StaticMembership.addTo(properties, runtime.stateDir(), runtime.applicationId());
        List<AggregateTopics<?>> topics = AggregateTopics.of(domain.aggregates(), settings.topics(), serdes, internal);
        KafkaStreams streams = new KafkaStreams(topology(domain, settings, topics, internal, retired), properties);
        ThreadFailures failures = replaceFailedThreads(streams);
        RestoreProgress restores = new RestoreProgress(metrics);
        StreamsHealth health = new StreamsHealth(streams::state, failures, restores);
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            health.onChange(now);
        });
        streams.setGlobalStateRestoreListener(restores);
        streams.start();
        // Kafka Streams can say where a key lives only when instances advertise where they serve.
        LocalStoreQuery.Placement placement = runtime.applicationServer().isPresent()
                ? LocalStoreQuery.Placement.METADATA : LocalStoreQuery.Placement.ALONE;
        ProjectionGenerations generations = new ProjectionGenerations(streams, domain.projections(),
                (projection, generation) -> ProjectionBuild.start(projection, generation, runtime, settings, topics,
                        internal, metrics), projectionStates, retired);
        // Registered now, so that a process without instances on this instance reads 0 rather than nothing.
        domain.processes().forEach(process -> metrics.sagaInstances(process.name()));
        ProjectionLag lag = ProjectionLag.of(runtime, domain, settings.topics(), generations);
        domain.projections().forEach(projection -> metrics.projectionLag(projection.name(), lag,
                lags -> lags.of(projection.name()).records(), lags -> lags.of(projection.name()).seconds()));
        return new EventloomRuntime(streams, new AggregateReader(streams, placement, topics),
                new ProjectionReader(generations::streamsFor, placement, domain.projections()), health, deadLetters,
                restores, topics, generations, lag,
                new ProjectionsHealth(domain.projections(), generations, streams, restores));
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
    static ThreadFailures replaceFailedThreads(KafkaStreams streams) {
        ThreadFailures failures = new ThreadFailures(Clock.systemUTC());
        streams.setUncaughtExceptionHandler(error -> {
            Duration pause = failures.failed(error);
            log.error("Stream thread failed; its transaction was aborted, nothing is lost. Replacing it in {} ms",
                    pause.toMillis(), error);
            pauseBeforeReplacing(pause);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return failures;
    }

    // The handler runs on the dying thread before it is replaced: pausing here spaces out the retries.
    private static void pauseBeforeReplacing(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * The Kafka Streams application whose store of this name answers reads: the runtime's own, or for a projection
     * read from a rebuilt generation, that generation's.
     */
    public KafkaStreams streamsFor(String store) {
        return generations.streamsFor(store);
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

    /** Waits until Kafka Streams is running (its stores restored and queryable), or fails after the timeout. */
    public void awaitRunning(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + streams.state());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + ": " + streams.state());
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
     * Stops processing after the current commit and leaves the group, so the partitions move to the other
     * instances (or to this one's next start) at once instead of after the session timeout.
     */
    @Override
    public void close() {
        lag.close();
        generations.close();
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
