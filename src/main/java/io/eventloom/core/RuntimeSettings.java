package io.eventloom.core;

import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How the Kafka Streams runtime runs: identity, where its state lives, commit cadence and dedupe retention. */
public record RuntimeSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        Duration commitInterval,
        Duration dedupeRetention,
        Optional<String> applicationServer,
        int standbyReplicas,
        Map<String, String> streamsOverrides) {

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(7);

    public RuntimeSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(dedupeRetention, "dedupeRetention");
        Objects.requireNonNull(applicationServer, "applicationServer");
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static RuntimeSettings of(String applicationId, String bootstrapServers, Path stateDir) {
        return new RuntimeSettings(applicationId, bootstrapServers, stateDir, DEFAULT_COMMIT_INTERVAL,
                DEFAULT_DEDUPE_RETENTION, Optional.empty(), 0, Map.of());
    }

    /** The Kafka Streams configuration: exactly-once v2, dead letters through {@link DeadLetterHandler}. */
    Map<String, Object> streamsConfig(TopicNames topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        applicationServer.ifPresent(server -> config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        config.putAll(streamsOverrides);
        return config;
    }
}
