package io.eventloom.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.FreePort;
import io.eventloom.registry.Compatibility;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client and the app against the Kafka and Confluent Schema Registry images docker-compose.yml runs, wired as it
 * wires them. Skipped, with the reason, where no Docker engine is reachable.
 */
class ConfluentStackContainerTest {

    private static final JsonNode SERVICES = StackFiles.yaml(StackFiles.COMPOSE).path("services");
    private static final String NAMESPACE = "confluent-stack";

    @TempDir
    static Path dir;

    private static Network network;
    private static KafkaContainer kafka;
    private static GenericContainer<?> registry;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "Docker is not available on this machine: skipping Kafka and Confluent Schema Registry containers");
        network = Network.newNetwork();
        kafka = new KafkaContainer(SERVICES.path("kafka").path("image").asText())
                .withNetwork(network).withNetworkAliases("kafka").withListener("kafka:19092");
        kafka.start();
        JsonNode registryService = SERVICES.path("schema-registry");
        registry = new GenericContainer<>(registryService.path("image").asText())
                .withNetwork(network).withNetworkAliases("schema-registry").withExposedPorts(8081)
                .waitingFor(Wait.forHttp("/subjects").forPort(8081).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        registryService.path("environment").properties()
                .forEach(variable -> registry.withEnv(variable.getKey(), variable.getValue().asText()));
        registry.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void givenConfluentsRegistry_whenTheClientRegistersLooksUpSetsLevelsAndChecks_thenEachAnswerIsUnderstood() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registryUrl());
        String subject = "client-check-value";
        Schema first = SchemaBuilder.record("Thing").namespace("check").fields().requiredString("name").endRecord();
        Schema breaking = SchemaBuilder.record("Thing").namespace("check").fields().requiredString("name")
                .requiredLong("weight").endRecord();

        client.setCompatibility(subject, Compatibility.BACKWARD);
        int id = client.register(subject, first);

        assertThat(client.idOf(subject, first)).isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(first);
        assertThat(client.versionOf(subject, id)).hasValue(1);
        assertThat(client.subjects()).contains(subject);
        assertThat(client.latestSchema(subject)).isEqualTo(first);
        assertThat(client.compatibilityProblems(subject, breaking)).anyMatch(message -> message.contains("weight"));
        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, breaking));
        assertThat(refused).isNotNull();
        assertThat(refused.isTransient()).isFalse();
        assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(999_999)).isNotFound())
                .isTrue();
    }

    @Test
    void givenTheAppConfiguredAsTheStackConfiguresIt_whenACommandIsSent_thenAcceptedAndItsSchemasGovernedInConfluents()
            throws Exception {
        try (EventloomApp app = EventloomApp.start(EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, kafka.getBootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_URL, registryUrl(),
                EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                EventloomConfig.APPLICATION_ID, NAMESPACE,
                EventloomConfig.TOPIC_NAMESPACE, NAMESPACE,
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString())))) {
            app.services().runtime().awaitRunning(Duration.ofSeconds(120));

            HttpResponse<String> created = HttpClientSupport.of(app).post("/api/product/mug/CreateProduct", """
                    {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String events = NAMESPACE + ".product.events-value";
            assertThat(new HttpSchemaRegistryClient(registryUrl()).subjects())
                    .contains(NAMESPACE + ".product.commands-value", events);
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registryUrl() + "/config/"
                    + events)).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("BACKWARD_TRANSITIVE");
        }
    }

    private static String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }
}
