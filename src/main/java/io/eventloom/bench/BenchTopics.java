package io.eventloom.bench;

import io.eventloom.app.TopicPlan;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a deployment's topics before its runtime starts (under exactly-once a missing output topic stops it),
 * shaped as the app's own {@link TopicPlan} shapes them.
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
        return TopicPlan.specs(names, domain, partitions, Optional.empty());
    }
}
