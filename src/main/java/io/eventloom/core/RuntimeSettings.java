package io.eventloom.core;

import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Kafka Streams runtime runs: identity, where its state lives, commit cadence, standbys, where the projections
 * run and overrides.
 */
public record RuntimeSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        Duration commitInterval,
        Optional<String> applicationServer,
        int standbyReplicas,
        ProjectionsPlacement projectionsPlacement,
        Optional<Duration> projectionsCommitInterval,
        Map<String, Object> streamsOverrides) {

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    private static final Duration LONGEST_POLL = Duration.ofMillis(10);

    public RuntimeSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(applicationServer, "applicationServer");
        Objects.requireNonNull(projectionsPlacement, "projectionsPlacement");
        Objects.requireNonNull(projectionsCommitInterval, "projectionsCommitInterval");
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static RuntimeSettings of(String applicationId, String bootstrapServers, Path stateDir) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, DEFAULT_COMMIT_INTERVAL,
                Optional.empty(), 0, ProjectionsPlacement.WITH_COMMANDS, Optional.empty(), Map.of());
    }

    /**
     * Kafka Streams' {@code poll.ms} for a commit interval, unless passed through: how long a stream thread waits
     * for input before it looks whether a commit is due, at most 10 ms and never longer than the interval.
     */
    public static long pollMillis(Duration commitInterval) {
        return Math.min(LONGEST_POLL.toMillis(), commitInterval.toMillis());
    }

    public RuntimeSettings withCommitInterval(Duration value) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, value, applicationServer,
                standbyReplicas, projectionsPlacement, projectionsCommitInterval, streamsOverrides);
    }

    /**
     * Settings for another Kafka Streams application beside this one, named {@code value}: a {@code client.id}
     * passed through gets what the new id adds to this one ({@code <client.id>-projections}), so the two
     * applications' clients, and their meters, stay apart.
     */
    public RuntimeSettings withApplicationId(String value) {
        Map<String, Object> overrides = new HashMap<>(streamsOverrides);
        overrides.computeIfPresent(StreamsConfig.CLIENT_ID_CONFIG, (name, clientId) -> clientId
                + (value.startsWith(applicationId) ? value.substring(applicationId.length()) : "-" + value));
        return new RuntimeSettings(value, bootstrapServers, stateDir, commitInterval, applicationServer,
                standbyReplicas, projectionsPlacement, projectionsCommitInterval, overrides);
    }

    public RuntimeSettings withProjectionsPlacement(ProjectionsPlacement value) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, commitInterval, applicationServer,
                standbyReplicas, value, projectionsCommitInterval, streamsOverrides);
    }

    /**
     * With the projections in an application of their own, how often it commits ({@code value}); without one, they
     * commit with the commands.
     */
    public RuntimeSettings withProjectionsCommitInterval(Duration value) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, commitInterval, applicationServer,
                standbyReplicas, projectionsPlacement, Optional.of(value), streamsOverrides);
    }

    /**
     * Settings for the projections' own application: its id, and its own commit interval when it has one (else the
     * commands').
     */
    RuntimeSettings projectionsApplication() {
        RuntimeSettings projections = withApplicationId(projectionsApplicationId());
        return projectionsCommitInterval.map(projections::withCommitInterval).orElse(projections);
    }

    /** The application id of the application that computes generation 1 of the projections. */
    public String projectionsApplicationId() {
        return projectionsPlacement.applicationId(applicationId);
    }

    public RuntimeSettings withStreamsOverrides(Map<String, Object> value) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, commitInterval, applicationServer,
                standbyReplicas, projectionsPlacement, projectionsCommitInterval, value);
    }

    /**
     * Settings for the runtime's own clients beside Kafka Streams: the bootstrap servers and the overrides, of which
     * each client takes the names its config knows (security, {@code client.id}), as Kafka Streams hands them on.
     */
    KafkaClientSettings clients() {
        Map<String, String> passThrough = new HashMap<>();
        streamsOverrides.forEach((name, value) -> passThrough.put(name, String.valueOf(value)));
        return new KafkaClientSettings(bootstrapServers, passThrough);
    }

    /**
     * The Kafka Streams configuration: exactly-once v2 with transactional state stores, so a crash discards only
     * the uncommitted writes instead of the whole local state, and interactive queries that see committed writes
     * only; dead letters, faults and oversized records through {@link DeadLetterHandler}.
     */
    public Map<String, Object> streamsConfig(TopologySettings topology, DeadLetters deadLetters) {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // A commit that falls due while the thread waits in poll() for input waits with it, and a command's result
        // is readable only once committed: at Kafka's 100 ms a lone command waited out the whole poll after it was
        // processed (p50 117 ms at 5 commands/s, 68 ms with 10 ms, for about 3 points more of a core when idle).
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMillis(commitInterval));
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        config.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        config.put(StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.name());
        // A task whose sub-topology reads several topics (a type's commands and those its process managers send, a
        // join's sides) takes what it has fetched without first asking whether another of its partitions lags: no
        // outcome here depends on the order between topics (commands are independent, joins and sagas converge on
        // any order), and the check Kafka Streams makes on every loop for every such task formats log text whether
        // it logs or not (about 5% of the stream thread at 1,000 commands/s).
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topology.topics().deadLetters());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        // No global store exists today; set so a future one dead-letters like every other processor, and so Kafka
        // Streams does not warn at each start that the handler is off for the global thread.
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        config.put(DeadLetterHandler.RECORD_LIMIT_CONFIG, topology.recordLimit().maxRecordBytes());
        config.put(DeadLetters.CONFIG, deadLetters);
        applicationServer.ifPresent(server -> config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        config.putAll(streamsOverrides);
        return config;
    }
}
