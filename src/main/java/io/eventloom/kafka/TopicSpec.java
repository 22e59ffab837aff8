package io.eventloom.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;
import java.util.Objects;

/** A topic as Eventloom needs it: name, partition count, replication factor and the configs it depends on. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + ": replication factor must be >= 1, was " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }

    /** An append-only log kept forever: events are the source of truth and are never deleted. */
    public static TopicSpec retainedForever(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    /** A compacted topic: the latest record per key is kept forever. */
    public static TopicSpec compacted(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** A topic with the broker's default retention. */
    public static TopicSpec withDefaultRetention(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of());
    }

    NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
