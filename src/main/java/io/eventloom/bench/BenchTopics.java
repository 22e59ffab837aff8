package io.eventloom.bench;

import io.eventloom.app.TopicPlan;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Plain topics of the raw reference, with the broker's default settings. */
    static void create(String bootstrapServers, List<String> topics, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(name -> new NewTopic(name, Optional.of(partitions),
                    Optional.empty())).toList()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        }
    }

    static List<TopicSpec> specs(TopicNames names, Domain domain, int partitions) {
        return TopicPlan.specs(names, domain, partitions, Optional.empty());
    }
}
