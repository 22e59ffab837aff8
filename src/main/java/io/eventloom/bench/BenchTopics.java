package io.eventloom.bench;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates a deployment's topics before its runtime starts (under exactly-once a missing output topic stops it).
 * The same shapes as the app's own topic plan: per aggregate type its commands, events (kept forever) and results
 * with one partition count, plus the dead letters.
 */
final class BenchTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BenchTopics() {
    }

    static void create(Deployment deployment, Domain domain, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                deployment.bootstrapServers()))) {
            new TopicSetup(admin, TIMEOUT).ensure(specs(deployment.topics(), domain, partitions));
        }
    }

    static List<TopicSpec> specs(TopicNames names, Domain domain, int partitions) {
        short replication = 1;
        List<TopicSpec> topics = new ArrayList<>();
        for (AggregateType<?> type : domain.aggregates()) {
            topics.add(TopicSpec.withDefaultRetention(names.commands(type.name()), partitions, replication));
            topics.add(TopicSpec.retainedForever(names.events(type.name()), partitions, replication));
            topics.add(TopicSpec.withDefaultRetention(names.commandResults(type.name()), partitions, replication));
        }
        topics.add(TopicSpec.retainedForever(names.deadLetters(), partitions, replication));
        return topics;
    }
}
