package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.RecordingMetricsReporter;
import io.eventloom.kafka.RecordingMetricsReporter.Client;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.shop.Money;
import io.eventloom.shop.order.OrderCommandEnvelope;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductEventEnvelope;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class EventloomAppTest {

    private static final Schema NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "app", "fields": [{"name": "text", "type": "string"}]}""");

    @Test
    void givenNothingConfigured_whenStartedTwice_thenEmbeddedBrokerAndRegistryKeepTopicsAndSchemaIds(
            @TempDir Path dir) throws Exception {
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.EMBEDDED_KAFKA_DATA_DIR, dir.resolve("kafka").toString(),
                EventloomConfig.EMBEDDED_KAFKA_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("streams").toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                EventloomConfig.TOPIC_PARTITIONS, "3",
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find())));

        int id;
        String adminToken;
        Path tokenFile = dir.resolve("admin.token");
        try (EventloomApp app = EventloomApp.start(config);
             Admin admin = KafkaTestClients.admin(app.bootstrapServers())) {
            assertThat(admin.listTopics().names().get()).contains("shop.dead-letters", "shop.order.commands",
                    "shop.order.events", "shop.order.command-results", "shop.product.events", "shop.customer.events",
                    "shop.projection-generations");
            assertThat(app.autoRegisterSchemas()).isTrue();
            adminToken = app.adminToken().orElseThrow();
            assertThat(Files.readString(tokenFile).trim()).isEqualTo(adminToken);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(get(app.httpPort(), "/api/product/p-1", Optional.empty()).statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(app.httpPort(),
                    "/api/product/p-1", Optional.of(adminToken)).statusCode()).isEqualTo(404));
            assertThatThrownBy(() -> new HttpSchemaRegistryClient(app.schemaRegistryUrl()).register("app.x-value",
                    NOTE)).isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(401));
            // On the embedded default only this machine may connect, to the API and the registry alike.
            assertThat(nonLoopbackAddress()).as("a non-loopback address to try from").isPresent();
            InetAddress outside = nonLoopbackAddress().orElseThrow();
            for (int port : List.of(app.httpPort(), URI.create(app.schemaRegistryUrl()).getPort())) {
                assertThatThrownBy(() -> new Socket(outside, port).close()).as(outside + ":" + port)
                        .isInstanceOf(ConnectException.class);
            }
            id = new HttpSchemaRegistryClient(app.schemaRegistryUrl(), Optional.of("Bearer " + adminToken))
                    .register("app.notes-value", NOTE);
        }
        try (EventloomApp again = EventloomApp.start(config);
             Admin admin = KafkaTestClients.admin(again.bootstrapServers())) {
            assertThat(admin.describeTopics(Set.of("shop.dead-letters")).allTopicNames().get()
                    .get("shop.dead-letters").partitions()).hasSize(3);
            assertThat(new HttpSchemaRegistryClient(again.schemaRegistryUrl()).idOf("app.notes-value", NOTE))
                    .isEqualTo(id);
            // The embedded registry runs in this instance, so its log reader is part of readiness.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(readiness(again).path("status")
                    .asText()).isEqualTo("UP"));
            assertThat(readiness(again).path("checks").fieldNames()).toIterable()
                    .containsExactly("streams", "dead-letters", "projections", "gateway", "projection-generations", "registry");
            assertThat(again.adminToken()).as("the same admin key after a restart").hasValue(adminToken);
        }
    }

    @Test
    void givenRegistryUrlConfigured_whenStarted_thenItIsUsedAndAutoRegistrationIsOffByDefault(TestBroker broker,
                                                                                              @TempDir Path dir)
            throws Exception {
        int unusedPort = FreePort.find();
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.APPLICATION_ID, "app-test-configured-registry",
                EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                EventloomConfig.SCHEMA_REGISTRY_URL, "http://registry.example:8081",
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(unusedPort),
                EventloomConfig.TOPIC_NAMESPACE, "configured",
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find())));

        try (EventloomApp app = EventloomApp.start(config)) {
            assertThat(app.schemaRegistryUrl()).isEqualTo("http://registry.example:8081");
            assertThat(app.autoRegisterSchemas()).isFalse();
            assertThat(readiness(app).path("checks").fieldNames()).toIterable()
                    .containsExactly("streams", "dead-letters", "projections", "gateway", "projection-generations");
            assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://localhost:" + unusedPort).schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE));
        }
        // Allowed to register, it starts all the same, and publishes its public schemas once the registry answers
        // (RegistryAwayHttpTest follows that through).
        try (EventloomApp app = EventloomApp.start(config.with(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER,
                "true"))) {
            assertThat(app.autoRegisterSchemas()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(app).path("status").asText().equals("UP"));
        }
    }

    @Test
    void givenAutoRegistration_whenStarted_thenEveryPublicTopicsSchemaIsRegistered(TestBroker broker,
                                                                                  @TempDir Path dir) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp app = EventloomApp.start(EventloomConfig.of(Map.of(
                     EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                     EventloomConfig.APPLICATION_ID, "app-test-public-schemas",
                     EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                     EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                     EventloomConfig.SCHEMA_REGISTRY_URL, registry.url(),
                     EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                     EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                     EventloomConfig.TOPIC_NAMESPACE, "published")))) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

            assertThat(app.autoRegisterSchemas()).isTrue();
            assertThat(client.idOf("published.order.commands-value", OrderCommandEnvelope.getClassSchema()))
                    .isPositive();
            assertThat(client.idOf("published.product.events-value", ProductEventEnvelope.getClassSchema()))
                    .isPositive();
            assertThat(client.idOf("published.customer.command-results-value", CommandResult.getClassSchema()))
                    .isPositive();
        }
    }

    @Test
    void givenTheEmbeddedRegistry_whenStartedAndACommandRuns_thenEverySubjectHasItsKindsLevelOrItsOverride(
            TestBroker broker, @TempDir Path dir) throws Exception {
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.APPLICATION_ID, "app-test-levels",
                EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.SCHEMA_REGISTRY_TOPIC, "_eventloom_schemas-levels-" + UUID.randomUUID(),
                EventloomConfig.TOPIC_NAMESPACE, "levels",
                EventloomConfig.TOPIC_PARTITIONS, "1",
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES, "levels.order.commands-value=FULL"));

        try (EventloomApp app = EventloomApp.start(config)) {
            assertThat(level(app, "levels.order.events-value")).isEqualTo("BACKWARD_TRANSITIVE");
            assertThat(level(app, "levels.product.commands-value")).isEqualTo("BACKWARD");
            assertThat(level(app, "levels.customer.command-results-value")).isEqualTo("BACKWARD");
            assertThat(level(app, "levels.order.commands-value")).isEqualTo("FULL");
            app.services().runtime().awaitRunning(Duration.ofSeconds(60));
            CommandResult result = app.services().gateway().send("product", "mug", new CreateProduct("SKU-1", "Mug",
                    new Money(500L, "EUR"), 3, null), CommandOptions.defaults(), Duration.ofSeconds(60)).join();

            assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            // The runtime's own subjects, registered as the command ran, got the level of what they carry: a snapshot
            // is a cache rebuilt from the events when it cannot be read, so its schema may change in any way.
            assertThat(level(app, "app-test-levels-product-aggregate-state-changelog-value"))
                    .isEqualTo("NONE");
            assertThat(level(app, "app-test-levels-product-command-dedupe-changelog-value"))
                    .isEqualTo("BACKWARD_TRANSITIVE");
        }
    }

    @Test
    void givenAnOverrideNamingASubjectTheAppDoesNotHave_whenStarted_thenRefusedWithTheSubjectItMeant() {
        EventloomConfig config = EventloomConfig.of(Map.of(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES,
                "shop.order.event-value=FULL"));

        assertThatThrownBy(() -> EventloomApp.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.compatibility.overrides: 'shop.order.event-value' is not a"
                        + " subject of this app's public topics; did you mean shop.order.events-value?");
    }

    @Test
    void givenKafkaPassThrough_whenStarted_thenEveryKafkaClientTheAppMakesGetsIt(TestBroker broker,
                                                                                  @TempDir Path dir) {
        String clientId = "pass-through-" + UUID.randomUUID();
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.APPLICATION_ID, "app-test-pass-through",
                EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                EventloomConfig.TOPIC_NAMESPACE, "pass-through",
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.SCHEMA_REGISTRY_TOPIC, "_eventloom_schemas-pass-through",
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                // A reporter each client loads only if the setting reached it; the id tells the clients apart.
                "kafka.metric.reporters", RecordingMetricsReporter.class.getName(),
                "kafka.client.id", clientId))
                .with(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString());

        try (EventloomApp app = EventloomApp.start(config)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(RecordingMetricsReporter
                    .seen(clientId)).contains(
                    new Client("kafka.admin.client", clientId + "-admin"),
                    new Client("kafka.admin.client", clientId + "-registry-admin"),
                    new Client("kafka.producer", clientId + "-registry-producer"),
                    new Client("kafka.consumer", clientId + "-registry-reader"),
                    new Client("kafka.producer", clientId + "-gateway-producer"),
                    new Client("kafka.consumer", clientId + "-gateway-results"),
                    new Client("kafka.streams", clientId),
                    // Kafka Streams hands client settings on to the clients it makes.
                    new Client("kafka.consumer", clientId + "-StreamThread-1-consumer")));
        }
    }

    @Test
    void givenRegistryOnly_whenStartedOnAConfiguredKafka_thenRegistryServesOnTheConfiguredPort(TestBroker broker,
                                                                                                @TempDir Path dir) {
        int port = FreePort.find();
        EventloomConfig config = EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(port),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString()));

        try (EventloomApp registryOnly = EventloomApp.startSchemaRegistryOnly(config)) {
            assertThat(registryOnly.schemaRegistryUrl()).isEqualTo("http://localhost:" + port);
            assertThat(new HttpSchemaRegistryClient(registryOnly.schemaRegistryUrl(),
                    Optional.of("Bearer " + registryOnly.adminToken().orElseThrow())).register("app.only-value", NOTE))
                    .isPositive();
        }
    }

    /** The subject's own compatibility level in the app's registry. */
    private static String level(EventloomApp app, String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.schemaRegistryUrl() + "/config/" + subject)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("compatibilityLevel").asText(response.body());
    }

    private static HttpResponse<String> get(int port, String path, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An address of this machine others reach it at, if it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(network -> {
            try {
                return network.isUp() && !network.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address).findFirst();
    }

    private static JsonNode readiness(EventloomApp app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.httpPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
