package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.Snapshot;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.product.ProductState;
import io.eventloom.testing.NodeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract from outside Java: a Node.js client with only kafkajs and a Confluent registry client posts a
 * command to the app's command topic and reads its result, knowing nothing but topic names, keys and subjects.
 */
@ExtendWith(KafkaBrokerExtension.class)
class NodeCommandClientTest {

    @Test
    void givenRunningShop_whenNodeClientPostsCreateProduct_thenItReadsTheAcceptedResult(
            TestBroker broker, @TempDir Path dir) throws Exception {
        NodeProject.requireInstalled(dir);
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.APPLICATION_ID, "node-client-it",
                EventloomConfig.TOPIC_NAMESPACE, "node-it",
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("streams").toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString()));
        try (EventloomApp app = EventloomApp.start(config)) {
            app.services().runtime().awaitRunning(Duration.ofSeconds(60));

            JsonNode answer = new ObjectMapper().readTree(NodeProject.run(dir, Duration.ofSeconds(90),
                    "node", "command.js", app.bootstrapServers(), app.schemaRegistryUrl(), "node-it", "product",
                    "node-mug", "node-command-1", "io.eventloom.shop.product.CreateProduct",
                    "{\"sku\": \"NODE-1\", \"name\": \"Mug\", \"price\": {\"amountMinor\": 1250, \"currency\": "
                            + "\"EUR\"}, \"initialStock\": 7}"));

            assertThat(answer.path("key").asText()).isEqualTo("node-mug");
            JsonNode result = answer.path("result");
            assertThat(result.path("commandId").asText()).isEqualTo("node-command-1");
            assertThat(result.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(result.path("version").asLong()).isEqualTo(1);
            ProductState product = (ProductState) app.services().reader().state("product", "node-mug")
                    .map(Snapshot::state).orElseThrow();
            assertThat(product.getSku()).isEqualTo("NODE-1");
            assertThat(product.getAvailableStock()).isEqualTo(7);
        }
    }
}
