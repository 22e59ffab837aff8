package io.eventloom.app;

import io.eventloom.kafka.EmbeddedBrokerSettings;
import io.eventloom.kafka.EmbeddedKafkaBroker;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The app on a broker that authenticates clients with SASL/PLAIN and enforces ACLs: with its own principal and the
 * ACLs its topics, group and transactions need, it works end to end; another principal cannot read its events, and
 * a wrong password is refused.
 */
class SaslAclIntegrationTest {

    private static final String APP = "acl-app";
    private static final String NAMESPACE = "acl-shop";
    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(dir.resolve("kafka"), FreePort.find())
                .withSaslUsers(Map.of("app", "app-secret", "intruder", "intruder-secret")));
        registry = EmbeddedSchemaRegistry.start(broker.internalBootstrapServers(), FreePort.find());
        try (Admin admin = KafkaTestClients.admin(broker.internalBootstrapServers())) {
            admin.createAcls(List.of(
                    allow(ResourceType.TOPIC, NAMESPACE + ".", PatternType.PREFIXED, AclOperation.ALL),
                    allow(ResourceType.TOPIC, APP, PatternType.PREFIXED, AclOperation.ALL),
                    allow(ResourceType.GROUP, APP, PatternType.PREFIXED, AclOperation.ALL),
                    allow(ResourceType.TRANSACTIONAL_ID, APP, PatternType.PREFIXED, AclOperation.ALL),
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS)
            )).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void givenItsOwnPrincipalAndAcls_whenACommandIsSent_thenTheAppWorksEndToEnd() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_URL, registry.url(),
                EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                EventloomConfig.APPLICATION_ID, APP,
                EventloomConfig.TOPIC_NAMESPACE, NAMESPACE,
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString(),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find())));
        sasl("app", "app-secret").forEach((name, value) -> values.put("kafka." + name, value));
        try (EventloomApp app = EventloomApp.start(EventloomConfig.of(values))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + app.httpPort();
            await().atMost(Duration.ofSeconds(90)).until(() -> http.send(HttpRequest.newBuilder(
                    URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200);

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/product/p-1/CreateProduct")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + app.adminToken().orElseThrow())
                    .POST(HttpRequest.BodyPublishers.ofString(MUG)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("ProductCreated");
        }
    }

    @Test
    void givenAPrincipalWithoutAcls_whenItReadsTheAppsTopics_thenNotAuthorizedWhileTheAppsPrincipalReads()
            throws Exception {
        String topic = NAMESPACE + ".secrets";
        try (Admin admin = KafkaTestClients.admin(broker.internalBootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        KafkaTestClients.produce(broker.internalBootstrapServers(), topic, Map.of("k", "v"));

        try (KafkaConsumer<byte[], byte[]> intruder = consumer("intruder", "intruder-secret", topic);
             KafkaConsumer<byte[], byte[]> owner = consumer("app", "app-secret", topic)) {
            assertThatThrownBy(() -> intruder.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !owner.poll(Duration.ofMillis(500)).isEmpty());
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String user, String password, String topic) {
        Map<String, Object> config = new HashMap<>(sasl(user, password));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    @Test
    void givenAWrongPassword_whenWriting_thenAuthenticationFails() {
        Map<String, Object> config = new HashMap<>(sasl("app", "not-the-secret"));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(NAMESPACE + ".product.commands",
                    new byte[] {1})).get())
                    .isInstanceOfAny(SaslAuthenticationException.class, ExecutionException.class)
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                            e -> assertThat(e.getCause()).isInstanceOf(SaslAuthenticationException.class));
        }
    }

    private static Map<String, String> sasl(String user, String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:app", "*", operation, AclPermissionType.ALLOW));
    }
}
