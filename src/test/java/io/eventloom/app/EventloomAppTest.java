package io.eventloom.app;

import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaTestClients;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventloomAppTest {

    @Test
    void givenNoBootstrapServers_whenStarted_thenEmbeddedBrokerRunsWithTopicsAndSurvivesRestart(@TempDir Path dir)
            throws Exception {
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.EMBEDDED_KAFKA_DATA_DIR, dir.resolve("kafka").toString(),
                EventloomConfig.EMBEDDED_KAFKA_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.TOPIC_PARTITIONS, "3"));

        try (EventloomApp app = EventloomApp.start(config); Admin admin = KafkaTestClients.admin(app.bootstrapServers())) {
            assertThat(admin.listTopics().names().get()).contains("shop.dead-letters");
        }
        try (EventloomApp again = EventloomApp.start(config);
             Admin admin = KafkaTestClients.admin(again.bootstrapServers())) {
            assertThat(admin.describeTopics(java.util.Set.of("shop.dead-letters")).allTopicNames().get()
                    .get("shop.dead-letters").partitions()).hasSize(3);
        }
    }
}
