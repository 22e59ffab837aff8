package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.ProjectionsPlacement;
import io.eventloom.core.Topic;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductCommandEnvelope;
import io.eventloom.shop.product.Restock;
import io.eventloom.testing.ChildJvm;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop with its projections in an application of their own, killed with SIGKILL while commands are still being
 * processed and projected, then started again on the same state: every command has exactly one result, and every
 * catalog row is its product's events folded once each, none lost and none counted twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProjectionsKillIntegrationTest {

    private static final String NAMESPACE = "projections-kill";
    private static final int PRODUCTS = 20;
    private static final int RESTOCKS_BEFORE = 3_000;
    private static final int RESTOCKS_AFTER = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void givenOwnApplication_whenKilledMidStreamAndRestarted_thenEveryRowIsItsEventsFoldedOnce(TestBroker broker)
            throws Exception {
        int httpPort = FreePort.find();
        int registryPort = FreePort.find();
        Path config = config(broker, httpPort, registryPort);
        AvroSerdes serdes = TestSerdes.on("http://localhost:" + registryPort);
        TopicNames names = new TopicNames(NAMESPACE);
        Topic<String, ProductCommandEnvelope> commands = new Topic<>(names.commands("product"), Serdes.String(),
                serdes.specificValue(ProductCommandEnvelope.class));
        Topic<String, CommandResult> results = new Topic<>(names.commandResults("product"), Serdes.String(),
                serdes.specificValue(CommandResult.class));
        int total = PRODUCTS + RESTOCKS_BEFORE + RESTOCKS_AFTER;

        try (KafkaProducer<String, ProductCommandEnvelope> producer = KafkaTestClients.producer(
                broker.bootstrapServers(), commands, Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            try (ChildJvm first = start(config, "first.log", httpPort)) {
                send(producer, commands, 0, PRODUCTS + RESTOCKS_BEFORE);
                // Killed with results still coming and the projections behind the commands: both applications
                // have work in flight.
                await().atMost(TIMEOUT).until(() -> results(broker, results).size()
                        > PRODUCTS + RESTOCKS_BEFORE / 3);
                first.kill();
            }

            try (ChildJvm second = start(config, "second.log", httpPort)) {
                send(producer, commands, PRODUCTS + RESTOCKS_BEFORE, total);
                await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> results(broker, results).size() >= total);

                List<CommandResult> all = results(broker, results);
                assertThat(all).hasSize(total).allSatisfy(result ->
                        assertThat(result.getStatus()).as(result.getRejectionMessage())
                                .isEqualTo(CommandStatus.ACCEPTED));
                assertThat(all.stream().map(CommandResult::getCommandId).distinct()).hasSize(total);
                Map<String, Long> restocks = all.stream().filter(result -> result.getVersion() > 1)
                        .collect(Collectors.groupingBy(CommandResult::getAggregateId, Collectors.counting()));
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    for (int product = 0; product < PRODUCTS; product++) {
                        String id = productId(product);
                        JsonNode row = row(httpPort, id);
                        long expected = restocks.getOrDefault(id, 0L);
                        assertThat(row.path("version").asLong()).as(id).isEqualTo(expected + 1);
                        assertThat(row.path("availableStock").asLong()).as(id).isEqualTo(expected);
                    }
                });
                second.stop();
            }
        }
    }

    private Path config(TestBroker broker, int httpPort, int registryPort) throws IOException {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(registryPort),
                EventloomConfig.HTTP_PORT, String.valueOf(httpPort),
                EventloomConfig.HTTP_AUTH, "none",
                EventloomConfig.APPLICATION_ID, NAMESPACE,
                EventloomConfig.TOPIC_NAMESPACE, NAMESPACE,
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                EventloomConfig.PROJECTIONS_PLACEMENT, ProjectionsPlacement.OWN_APPLICATION.setting()));
        Path file = dir.resolve("eventloom.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }

    private ChildJvm start(Path config, String log, int httpPort) {
        ChildJvm app = ChildJvm.start(Main.class, dir.resolve(log), "--config", config.toString());
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(httpPort, "/health/ready").statusCode() == 200);
        return app;
    }

    private static void send(KafkaProducer<String, ProductCommandEnvelope> producer,
                             Topic<String, ProductCommandEnvelope> topic, int from, int to) {
        for (int i = from; i < to; i++) {
            String product = productId(i % PRODUCTS);
            Object payload = i < PRODUCTS
                    ? new CreateProduct("SKU-" + i, "Product " + i, new Money(1_000L, "EUR"), 0, null)
                    : new Restock(1);
            producer.send(new ProducerRecord<>(topic.name(), product, ProductCommandEnvelope.newBuilder()
                    .setCommandId("kill-" + i)
                    .setAggregateId(product)
                    .setIssuedAt(Instant.now())
                    .setCorrelationId("kill-" + i)
                    .setPayload(payload)
                    .build()));
        }
        producer.flush();
    }

    private static String productId(int product) {
        return "kill-product-" + product;
    }

    private static List<CommandResult> results(TestBroker broker, Topic<String, CommandResult> results) {
        return KafkaTestClients.readAll(broker.bootstrapServers(), results, TIMEOUT).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static JsonNode row(int httpPort, String product) throws Exception {
        HttpResponse<String> response = get(httpPort, "/api/projections/product-catalog/" + product);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("row");
    }

    private static HttpResponse<String> get(int httpPort, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
