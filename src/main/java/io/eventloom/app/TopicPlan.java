package io.eventloom.app;

import io.eventloom.kafka.TopicSpec;

import java.util.List;

/** The topics the app needs, named and shaped from configuration. */
final class TopicPlan {

    private TopicPlan() {
    }

    static List<TopicSpec> of(EventloomConfig config) {
        String namespace = config.require(EventloomConfig.TOPIC_NAMESPACE);
        int partitions = config.intValue(EventloomConfig.TOPIC_PARTITIONS);
        short replication = (short) config.intValue(EventloomConfig.TOPIC_REPLICATION_FACTOR);
        // Dead letters are kept like events: each one is a record someone has to look at, never silently aged out.
        return List.of(TopicSpec.retainedForever(namespace + ".dead-letters", partitions, replication));
    }
}
