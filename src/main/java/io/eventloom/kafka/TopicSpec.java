package io.eventloom.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A topic as Eventloom needs it: name, partition count, replication factor (empty: the broker's
 * {@code default.replication.factor}) and the configs it depends on. It never sets {@code min.insync.replicas}: the
 * broker's (or the operator's) applies, and every producer writes with {@code acks=all}.
 */
public record TopicSpec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + ": replication factor must be >= 1, was " + replicationFactor.get());
        }
        configs = Map.copyOf(configs);
    }

    /** An append-only log kept forever: events are the source of truth and are never deleted. */
    public static TopicSpec retainedForever(String name, int partitions, Optional<Short> replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    public static TopicSpec retainedForever(String name, int partitions, short replicationFactor) {
        return retainedForever(name, partitions, Optional.of(replicationFactor));
    }

    /** A compacted topic: the latest record per key is kept forever. */
    public static TopicSpec compacted(String name, int partitions, Optional<Short> replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    public static TopicSpec compacted(String name, int partitions, short replicationFactor) {
        return compacted(name, partitions, Optional.of(replicationFactor));
    }

    /** A topic with the broker's default retention. */
    public static TopicSpec withDefaultRetention(String name, int partitions, Optional<Short> replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of());
    }

    public static TopicSpec withDefaultRetention(String name, int partitions, short replicationFactor) {
        return withDefaultRetention(name, partitions, Optional.of(replicationFactor));
    }

    /** The replication factor as a log line says it. */
    String replicationDescription() {
        return replicationFactor.map(String::valueOf).orElse("broker default");
    }

    NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
