package io.eventloom.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What shapes the topology: the topic names, the partition count every aggregate type's topics share (the runtime
 * checks each command's partition against it), how long command ids are remembered, and the largest record the
 * log takes.
 */
public record TopologySettings(TopicNames topics, int partitions, Duration dedupeRetention, RecordLimit recordLimit) {

    public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(7);

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        Objects.requireNonNull(dedupeRetention, "dedupeRetention");
        if (dedupeRetention.isNegative() || dedupeRetention.isZero()) {
            throw new IllegalArgumentException("the dedupe retention must be positive, was " + dedupeRetention);
        }
        Objects.requireNonNull(recordLimit, "recordLimit");
    }

    /** Default dedupe retention (7 days) and Kafka's default record limit. */
    public static TopologySettings of(TopicNames topics, int partitions) {
        return new TopologySettings(topics, partitions, DEFAULT_DEDUPE_RETENTION, RecordLimit.DEFAULT);
    }

    public TopologySettings withRecordLimit(RecordLimit value) {
        return new TopologySettings(topics, partitions, dedupeRetention, value);
    }

    public TopologySettings withDedupeRetention(Duration value) {
        return new TopologySettings(topics, partitions, value, recordLimit);
    }
}
