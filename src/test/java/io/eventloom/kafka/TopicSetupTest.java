package io.eventloom.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class TopicSetupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void givenNoTopics_whenEnsuredTwice_thenSecondRunChangesNothing(TestBroker broker) throws Exception {
        List<TopicSpec> specs = List.of(
                TopicSpec.retainedForever("setup.order.events", 4, (short) 1),
                TopicSpec.compacted("setup._schemas", 1, (short) 1),
                TopicSpec.withDefaultRetention("setup.order.commands", 4, (short) 1));
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            TopicSetup setup = new TopicSetup(admin, TIMEOUT);

            TopicSetup.Outcome first = setup.ensure(specs);
            TopicSetup.Outcome second = setup.ensure(specs);

            assertThat(first.created()).containsExactly(
                    "setup._schemas", "setup.order.commands", "setup.order.events");
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).containsExactlyElementsOf(first.created());
            assertThat(admin.describeTopics(Set.of("setup.order.events")).allTopicNames().get()
                    .get("setup.order.events").partitions()).hasSize(4);
            assertThat(topicConfig(admin, "setup.order.events").get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo("-1");
            assertThat(topicConfig(admin, "setup._schemas").get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void givenTopicWithOtherPartitionCount_whenEnsured_thenStartupFailsNamingTheTopic(TestBroker broker) {
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            TopicSetup setup = new TopicSetup(admin, TIMEOUT);
            setup.ensure(List.of(TopicSpec.retainedForever("mismatch.order.events", 2, (short) 1)));

            assertThatThrownBy(() -> setup.ensure(List.of(
                    TopicSpec.retainedForever("mismatch.order.events", 6, (short) 1))))
                    .isInstanceOf(TopicMismatchException.class)
                    .hasMessageContaining("topic mismatch.order.events has 2 partitions but 6 are configured");
        }
    }

    @Test
    void givenSameTopicTwiceInOneRequest_whenEnsured_thenRejected(TestBroker broker) {
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            assertThatThrownBy(() -> new TopicSetup(admin, TIMEOUT).ensure(List.of(
                    TopicSpec.withDefaultRetention("twice", 1, (short) 1),
                    TopicSpec.withDefaultRetention("twice", 2, (short) 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twice");
        }
    }

    @Test
    void givenNoReplicationFactor_whenCreated_thenTheBrokersDefaultApplies(TestBroker broker) {
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            new TopicSetup(admin, TIMEOUT).ensure(List.of(
                    TopicSpec.withDefaultRetention("broker-default.rf", 1, Optional.empty())));

            // A topic just created may not be in the metadata the next request reads yet.
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(admin
                    .describeTopics(List.of("broker-default.rf")).allTopicNames().get()
                    .get("broker-default.rf").partitions().get(0).replicas()).hasSize(1));
        }
    }

    @Test
    void givenNoReplicationFactor_whenTheBrokersDefaultIsTwo_thenTwoIsAskedFor(@TempDir Path dir) {
        // One node cannot hold two replicas, so the broker's refusal shows whose default the request carried.
        try (EmbeddedKafkaBroker two = EmbeddedKafkaBroker.start(new EmbeddedBrokerSettings(dir, "localhost",
                FreePort.find(), Map.of("default.replication.factor", "2")));
             Admin admin = KafkaTestClients.admin(two.bootstrapServers())) {
            assertThatThrownBy(() -> new TopicSetup(admin, TIMEOUT).ensure(List.of(
                    TopicSpec.retainedForever("needs.two", 1, Optional.empty()))))
                    .hasMessageContaining("needs.two").hasMessageContaining("replication factor of 2");
        }
    }

    private static Config topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(resource)).all().get();
        return configs.get(resource);
    }
}
