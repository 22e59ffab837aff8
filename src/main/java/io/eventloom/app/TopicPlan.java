package io.eventloom.app;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.RecordLimit;
import io.eventloom.core.TopicNames;
import io.eventloom.core.TopologySettings;
import io.eventloom.kafka.TopicSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The topics a domain needs, named and shaped from configuration: the one place their shapes are decided. */
public final class TopicPlan {

    private TopicPlan() {
    }

    /**
     * Per aggregate type its commands, events (kept forever) and results, all with one partition count so that an
     * aggregate's command, state and events meet in one task; plus the dead letters and the projections'
     * generations.
     */
    static List<TopicSpec> of(EventloomConfig config, Domain domain) {
        return specs(topicNames(config), domain, config.intValue(EventloomConfig.TOPIC_PARTITIONS),
                config.topicReplicationFactor());
    }

    /** As {@link #of}, for a deployment not described by an {@link EventloomConfig} (the bench, tests). */
    public static List<TopicSpec> specs(TopicNames names, Domain domain, int partitions,
                                        Optional<Short> replication) {
        List<TopicSpec> topics = new ArrayList<>();
        for (AggregateType<?> type : domain.aggregates()) {
            topics.add(TopicSpec.withDefaultRetention(names.commands(type.name()), partitions, replication));
            topics.add(TopicSpec.retainedForever(names.events(type.name()), partitions, replication));
            topics.add(TopicSpec.withDefaultRetention(names.commandResults(type.name()), partitions, replication));
        }
        // Dead letters are kept like events: each one is a record someone has to look at, never silently aged out.
        topics.add(TopicSpec.retainedForever(names.deadLetters(), partitions, replication));
        // One partition: every instance reads all of it, and one projection's changes stay in order.
        topics.add(TopicSpec.compacted(names.projectionGenerations(), 1, replication));
        return topics;
    }

    /** How the topology is shaped by the same configuration: names, partitions, dedupe retention, record limit. */
    static TopologySettings topologySettings(EventloomConfig config, RecordLimit recordLimit) {
        return new TopologySettings(topicNames(config), config.intValue(EventloomConfig.TOPIC_PARTITIONS),
                config.duration(EventloomConfig.COMMAND_DEDUPE_RETENTION), recordLimit);
    }

    /** The topic names of the configured namespace. */
    public static TopicNames topicNames(EventloomConfig config) {
        return new TopicNames(config.require(EventloomConfig.TOPIC_NAMESPACE));
    }
}
