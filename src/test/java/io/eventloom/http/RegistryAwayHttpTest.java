package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.core.AggregateStores;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A configured schema registry away for a while, as apps meet it: at start, across a restart, and between the write
 * of a command's events and their decoding for the answer. The app starts and rides it out, every answer says what
 * happened, and nothing the client is told to retry was written already.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RegistryAwayHttpTest {

    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";
    private static final String RESTOCK = "{\"quantity\":5}";
    private static final String STATE_STORE = AggregateStores.of("product").state();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void givenTheRegistryAwayAtStartAndAcrossARestart_whenWrittenAndRead_thenStartsSays503ForWhatAndRegistersOnceBack(
            TestBroker broker, @TempDir Path dir) throws Exception {
        int registryPort = FreePort.find();
        String registryUrl = "http://localhost:" + registryPort;
        // Auto-registering, as a team runs it that lets the app own its schemas on a shared registry.
        EventloomConfig config = HttpTestApps.config(broker, registryUrl, "registry-away", dir, Map.of());
        List<EmbeddedSchemaRegistry> registries = new ArrayList<>();
        try {
            try (EventloomApp app = HttpTestApps.startReady(config)) {
                HttpClientSupport http = HttpClientSupport.of(app);
                assertRegistryUnavailable(http.post("/api/product/p-1/CreateProduct", MUG),
                        "the command cannot be written");

                registries.add(EmbeddedSchemaRegistry.start(broker.bootstrapServers(), registryPort));
                // Registered in the background once it answers, each subject at its kind's level first.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        get(registryUrl + "/subjects").body()).contains("registry-away.product.commands-value",
                        "registry-away.product.events-value", "registry-away.order.command-results-value"));
                assertThat(get(registryUrl + "/config/registry-away.product.events-value").body())
                        .contains("BACKWARD_TRANSITIVE");
                assertThat(http.post("/api/product/p-1/CreateProduct", MUG).statusCode()).isEqualTo(200);
                // Every projection committed past it, so the restart below has nothing left to write.
                await().atMost(Duration.ofSeconds(60)).until(() -> projectionsCaughtUp(http));
            }
            registries.remove(0).close();

            // Restarted while the registry is away: the stored events were written with a schema this process has
            // not fetched, so it cannot decode them, and says so, rather than that a command cannot be written.
            try (EventloomApp app = HttpTestApps.startReady(config)) {
                HttpClientSupport http = HttpClientSupport.of(app);
                assertRegistryUnavailable(http.get("/api/product/p-1/events"), "what is stored cannot be decoded");
                assertRegistryUnavailable(http.get("/api/product/p-1"), "what is stored cannot be decoded");
                assertRegistryUnavailable(http.post("/api/product/p-1/Restock", RESTOCK),
                        "the command cannot be written");

                registries.add(EmbeddedSchemaRegistry.start(broker.bootstrapServers(), registryPort));
                HttpResponse<String> restock = http.post("/api/product/p-1/Restock", RESTOCK);
                assertThat(restock.statusCode()).as(restock.body()).isEqualTo(200);
                assertThat(json(http.get("/api/product/p-1/events")).path("events"))
                        .extracting(event -> event.path("type").asText())
                        .containsExactly("ProductCreated", "StockRestocked");
                assertThat(json(http.get("/api/product/p-1")).path("state").path("availableStock").asLong())
                        .isEqualTo(15);
            }
        } finally {
            // After the app: a registry gone while it still writes would only make its stream thread retry.
            registries.forEach(EmbeddedSchemaRegistry::close);
        }
    }

    @Test
    void givenTheRegistryGoneBetweenTheWriteAndTheAnswer_whenTheEventsCannotBeDecoded_thenAnswered200WithTheirTypes(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        boolean registryUp = true;
        try (// The other instance registers the schemas and writes the events; this one has never fetched theirs,
             // as an instance of the release before meets a newer one's during a rolling upgrade.
             EventloomApp other = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(),
                     "registry-gone", dirB, Map.of()));
             EventloomApp answering = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(),
                     "registry-gone", dirA, Map.of(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "false")))) {
            HttpClientSupport viaAnswering = HttpClientSupport.of(answering);
            HttpClientSupport viaOther = HttpClientSupport.of(other);
            await().atMost(HttpTestApps.STARTUP).until(() -> viaAnswering.get("/health/ready").statusCode() == 200
                    && viaOther.get("/health/ready").statusCode() == 200);
            String[] ids = IntStream.range(0, 60).mapToObj(i -> "gone-" + i)
                    .filter(id -> HttpTestApps.ownerPort(answering, STATE_STORE, id) == other.httpPort())
                    .limit(3).toArray(String[]::new);
            // A rejection fetches the command and result schemas, not the events'.
            assertThat(viaAnswering.post("/api/product/" + ids[0] + "/Restock", RESTOCK).statusCode())
                    .isEqualTo(422);
            // The other instance writes a product and its rows first, so it has every schema it writes with.
            assertThat(viaOther.post("/api/product/" + ids[2] + "/CreateProduct", MUG).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> viaOther.get("/api/projections/product-catalog/"
                    + ids[2]).statusCode() == 200);

            registry.close();
            registryUp = false;
            HttpResponse<String> created = viaAnswering.post("/api/product/" + ids[1] + "/CreateProduct", MUG);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            JsonNode event = json(created).path("events").path(0);
            assertThat(event.path("version").asLong()).isEqualTo(1);
            assertThat(event.path("type").asText()).isEqualTo("ProductCreated");
            assertThat(event.has("payload")).isFalse();
            // Written once: the instance holding it decodes it with the schema it wrote it with.
            assertThat(json(viaOther.get("/api/product/" + ids[1] + "/events")).path("events"))
                    .extracting(e -> e.path("type").asText()).containsExactly("ProductCreated");
        } finally {
            if (registryUp) {
                registry.close();
            }
        }
    }

    private static void assertRegistryUnavailable(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(response).path("error").asText()).isEqualTo("registry_unavailable");
        assertThat(json(response).path("message").asText()).contains(what);
    }

    private static boolean projectionsCaughtUp(HttpClientSupport http) {
        List<String> lags = http.get("/metrics").body().lines()
                .filter(line -> line.startsWith("eventloom_projection_lag_records{")).toList();
        return !lags.isEmpty() && lags.stream().allMatch(line -> Double.parseDouble(
                line.substring(line.lastIndexOf(' ') + 1)) == 0);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
