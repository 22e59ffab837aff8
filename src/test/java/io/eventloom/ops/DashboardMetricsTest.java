package io.eventloom.ops;

import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.auth.ApiKeys;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules read is one a running app exports: the app is
 * configured as the compose stack configures it (a registry of its own, auto-registering; API keys from a file),
 * given a little traffic of every kind the panels show, and scraped with a key that has only the metrics scope, as
 * Prometheus scrapes it.
 *
 * <p>A labelled counter appears in a scrape only once it has a series. The traffic below makes the events that are
 * cheap to make: a command accepted, one rejected, one sent twice, an order (saga steps), a read that waits in vain,
 * a poison record (a dead letter) and a command that times out while the stream threads are paused. A metric whose
 * event cannot be made here (a saga step's timeout, say) must be registered at zero when the app starts, which is
 * also what Prometheus needs: {@code increase()} cannot see the first event of a series that the event created.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DashboardMetricsTest {

    private static final String NAMESPACE = "dashboard-metrics";
    /** Series Prometheus makes itself for every target; no application exports them. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROMETHEUS_KEY = ApiKeys.newKey();
    private static final String ADMIN_KEY = ApiKeys.newKey();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    @TempDir
    static Path dir;

    private static TestBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static EventloomApp app;

    @BeforeAll
    static void start(TestBroker testBroker) throws IOException {
        broker = testBroker;
        Path keyFile = dir.resolve("api-keys.properties");
        Files.writeString(keyFile, "prometheus = " + ApiKeys.hash(PROMETHEUS_KEY) + " metrics\n"
                + "admin = " + ApiKeys.hash(ADMIN_KEY) + " admin\n");
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        app = EventloomApp.start(EventloomConfig.of(Map.ofEntries(
                Map.entry(EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers()),
                Map.entry(EventloomConfig.SCHEMA_REGISTRY_URL, registry.url()),
                Map.entry(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true"),
                Map.entry(EventloomConfig.HTTP_AUTH_API_KEYS_FILE, keyFile.toString()),
                Map.entry(EventloomConfig.APPLICATION_ID, NAMESPACE),
                Map.entry(EventloomConfig.TOPIC_NAMESPACE, NAMESPACE),
                Map.entry(EventloomConfig.TOPIC_PARTITIONS, "2"),
                Map.entry(EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString()),
                Map.entry(EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find())),
                Map.entry(EventloomConfig.HTTP_COMMAND_TIMEOUT, "PT2S"),
                Map.entry(EventloomConfig.HTTP_READ_WAIT, "PT0.5S"))));
        app.services().runtime().awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void givenTrafficOfEveryKind_whenScrapedWithPrometheusKey_thenEveryMetricTheDashboardAndAlertsReadIsExported()
            throws Exception {
        makeTraffic();
        Map<String, List<String>> uses = StackFiles.metricUses();

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exported = exportedNames(scrape());
            Set<String> missing = uses.keySet().stream()
                    .filter(name -> !PROMETHEUS_OWN.contains(name) && !exported.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(missing).withFailMessage(() -> report(uses, missing, exported)).isEmpty();
        });
    }

    private static void makeTraffic() throws Exception {
        assertThat(post("/api/product/mug/CreateProduct", MUG).statusCode()).isEqualTo(200);
        assertThat(post("/api/product/mug/CreateProduct", MUG).statusCode()).isEqualTo(422);
        for (int i = 0; i < 2; i++) {
            assertThat(post("/api/product/cup/CreateProduct", MUG.replace("MUG-1", "CUP-1"), "Idempotency-Key",
                    "cup-once").statusCode()).isEqualTo(200);
        }
        assertThat(post("/api/customer/ada/RegisterCustomer", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post("/api/order/order-1/PlaceOrder", """
                {"customerId":"ada","lines":[{"productId":"mug","quantity":1,
                 "unitPrice":{"amountMinor":1250,"currency":"EUR"}}]}""").statusCode()).isEqualTo(200);
        assertThat(get("/api/product/mug?minVersion=99", ADMIN_KEY).statusCode()).isEqualTo(503);
        KafkaTestClients.produce(broker.bootstrapServers(), new TopicNames(NAMESPACE).commands("product"),
                Map.of("poison", "not Avro in Confluent's wire format"));
        KafkaStreams streams = app.services().runtime().streams();
        streams.pause();
        try {
            assertThat(post("/api/product/mug/Restock", "{\"quantity\":1}").statusCode()).isEqualTo(504);
        } finally {
            streams.resume();
        }
    }

    private static String scrape() {
        HttpResponse<String> metrics = get("/metrics", PROMETHEUS_KEY);
        assertThat(metrics.statusCode()).as("GET /metrics with Prometheus' key (scope metrics)").isEqualTo(200);
        return metrics.body();
    }

    /** The sample names of a Prometheus text scrape: {@code name{labels} value} or {@code name value}. */
    private static Set<String> exportedNames(String scrape) {
        return scrape.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String report(Map<String, List<String>> uses, Set<String> missing, Set<String> exported) {
        StringBuilder report = new StringBuilder(String.format(
                "The dashboard and the alert rules read %d metric(s) that the running app does not export:%n",
                missing.size()));
        missing.forEach(name -> report.append(String.format("  - %s   (read by %s)%n", name,
                String.join(", ", uses.get(name)))));
        report.append(String.format("The other %d of the %d names they read are there (%s: Prometheus' own)."
                        + " The app exports these Eventloom metrics: %s%n", uses.size() - missing.size(),
                uses.size(), PROMETHEUS_OWN, exported.stream().filter(name -> name.startsWith("eventloom_")).toList()));
        return report.toString();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path, ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private static HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    private static HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
