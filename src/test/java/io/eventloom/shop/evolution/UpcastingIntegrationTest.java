package io.eventloom.shop.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.core.AggregateStores;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.WireFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customer events as the first release wrote them, the retired EmailChanged among them, in the log and in the
 * history an older version of the app kept (its changelog), read by the current app on the real broker and
 * registry: the history API and the customer-rows projection show only current types, next to events the current
 * app writes, each with the schema version it was written with.
 */
@ExtendWith(KafkaBrokerExtension.class)
class UpcastingIntegrationTest {

    private static final String APP = "evolution-upcast";
    private static final int PARTITIONS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenReleasedEventsOfARetiredType_whenTheCurrentAppReadsThem_thenEveryReaderSeesTheCurrentType(
            TestBroker broker, @TempDir Path dir) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find())) {
            String eventsTopic = APP + ".customer.events";
            int v1 = new HttpSchemaRegistryClient(registry.url()).register(eventsTopic + "-value",
                    OldCustomerEvents.schema());
            List<byte[]> released = List.of(
                    WireFormat.frame(v1, OldCustomerEvents.body(OldCustomerEvents.REGISTERED)),
                    WireFormat.frame(v1, OldCustomerEvents.body(OldCustomerEvents.EMAIL_CHANGED)));
            writeAsTheReleasedAppDid(broker, eventsTopic, released);

            try (EventloomApp app = EventloomApp.start(EventloomConfig.of(Map.of(
                    EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    EventloomConfig.SCHEMA_REGISTRY_URL, registry.url(),
                    EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                    EventloomConfig.APPLICATION_ID, APP,
                    EventloomConfig.TOPIC_NAMESPACE, APP,
                    EventloomConfig.TOPIC_PARTITIONS, String.valueOf(PARTITIONS),
                    EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                    EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                    EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()))))) {
                Api api = new Api(app);
                await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/health/ready").statusCode() == 200);
                assertThat(api.post("/api/customer/new-customer/RegisterCustomer",
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode()).isEqualTo(200);
                assertThat(api.post("/api/customer/new-customer/ChangeEmail",
                        "{\"email\":\"ada@lovelace.example\"}").statusCode()).isEqualTo(200);

                JsonNode legacy = api.json("/api/customer/" + OldCustomerEvents.CUSTOMER + "/events").path("events");
                JsonNode current = api.json("/api/customer/new-customer/events").path("events");

                assertThat(legacy).extracting(event -> event.path("type").asText())
                        .containsExactly("CustomerRegistered", "ContactEmailChanged");
                assertThat(legacy.path(1).path("payload").toString()).isEqualTo("{\"email\":\"grace@navy.example\"}");
                assertThat(legacy).extracting(event -> event.path("schemaVersion").asInt()).containsOnly(1);
                assertThat(current).extracting(event -> event.path("type").asText())
                        .containsExactly("CustomerRegistered", "ContactEmailChanged");
                assertThat(current).extracting(event -> event.path("schemaVersion").asInt()).containsOnly(2);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(api.json("/api/projections/customer-rows/" + OldCustomerEvents.CUSTOMER)
                            .path("row").path("email").asText()).isEqualTo("grace@navy.example");
                    assertThat(api.json("/api/projections/customer-rows/new-customer").path("row").path("email")
                            .asText()).isEqualTo("ada@lovelace.example");
                });
            }
        }
    }

    /**
     * The released app appended these events to the log and kept them in its history store, whose changelog a
     * restart restores: both are written here as it wrote them, into the partition of the customer's key.
     */
    private static void writeAsTheReleasedAppDid(TestBroker broker, String eventsTopic, List<byte[]> events)
            throws Exception {
        String changelog = APP + "-" + AggregateStores.of("customer").history() + "-changelog";
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(eventsTopic, PARTITIONS, (short) 1),
                    new NewTopic(changelog, PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        int partition = Utils.toPositive(Utils.murmur2(OldCustomerEvents.CUSTOMER.getBytes(StandardCharsets.UTF_8)))
                % PARTITIONS;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(eventsTopic, partition, OldCustomerEvents.CUSTOMER,
                        events.get(i))).get();
                producer.send(new ProducerRecord<>(changelog, partition,
                        AggregateStores.historyKey(OldCustomerEvents.CUSTOMER, i + 1), events.get(i))).get();
            }
        }
    }

    /** The app's HTTP API with its admin key. */
    private record Api(EventloomApp app) {

        HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        JsonNode json(String path) throws Exception {
            return JSON.readTree(get(path).body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                    .header("Authorization", "Bearer " + app.adminToken().orElseThrow());
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
