package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.auth.ApiKeys;
import io.eventloom.core.AggregateStores;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two app instances of one application on one broker: reads are routed to the owner, and fail over. */
@ExtendWith(KafkaBrokerExtension.class)
class HttpRoutingTest {

    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";
    private static final String STATE_STORE = AggregateStores.of("product").state();
    private static final String CATALOG = "product-catalog";

    @Test
    void givenTwoInstances_whenKeysOwnedByEitherAreRead_thenEitherAnswersAndTheSurvivorServesAllAfterOneStops(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = HttpTestApps.startReady(config(broker, registry, dirA))) {
            HttpClientSupport viaFirst = HttpClientSupport.of(first);
            List<String> ids = IntStream.range(0, 12).mapToObj(i -> "routed-" + i).toList();
            try (EventloomApp second = HttpTestApps.startReady(config(broker, registry, dirB))) {
                HttpClientSupport viaSecond = HttpClientSupport.of(second);
                await().atMost(HttpTestApps.STARTUP).until(() -> viaFirst.get("/health/ready").statusCode() == 200
                        && viaSecond.get("/health/ready").statusCode() == 200);
                ids.forEach(id -> assertThat(viaFirst.post("/api/product/" + id + "/CreateProduct", MUG)
                        .statusCode()).isEqualTo(200));
                String ownedBySecond = ids.stream().filter(id -> ownerPort(first, id) == second.httpPort())
                        .findFirst().orElseThrow();
                String ownedByFirst = ids.stream().filter(id -> ownerPort(second, id) == first.httpPort())
                        .findFirst().orElseThrow();

                assertAggregateReadsRouted(viaFirst, viaSecond, ownedBySecond, ownedByFirst);
                assertProjectionRoutedAndGathered(viaFirst, viaSecond, ids, ownedBySecond);

                // Closing the second instance leaves the group, so the survivor takes over without a timeout.
            }

            List<Integer> statuses = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String id : ids) {
                    HttpResponse<String> read = viaFirst.get("/api/product/" + id);
                    statuses.add(read.statusCode());
                    assertThat(read.statusCode()).as(id + " after the rebalance: " + read.body()).isEqualTo(200);
                }
            });
            assertThat(statuses).as("reads during the rebalance").isSubsetOf(200, 503);
            await().atMost(Duration.ofSeconds(90)).until(() -> viaFirst.get("/health/ready").statusCode() == 200);
        }
    }

    @Test
    void givenTheProjectionsInAnApplicationOfTheirOwn_whenARowTheOtherInstanceHoldsIsRead_thenRoutedByItsPlacement(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) {
        Map<String, String> apart = Map.of(EventloomConfig.PROJECTIONS_PLACEMENT, "own-application");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = HttpTestApps.startReady(config(broker, registry, dirA, "http-routing-apart", apart));
             EventloomApp second = HttpTestApps.startReady(config(broker, registry, dirB, "http-routing-apart",
                     apart))) {
            HttpClientSupport viaFirst = HttpClientSupport.of(first);
            HttpClientSupport viaSecond = HttpClientSupport.of(second);
            await().atMost(HttpTestApps.STARTUP).until(() -> viaFirst.get("/health/ready").statusCode() == 200
                    && viaSecond.get("/health/ready").statusCode() == 200);
            List<String> ids = IntStream.range(0, 12).mapToObj(i -> "apart-" + i).toList();
            ids.forEach(id -> assertThat(viaFirst.post("/api/product/" + id + "/CreateProduct", MUG).statusCode())
                    .isEqualTo(200));
            // Where the projections' application placed the row, whatever the commands' placed the product.
            String rowHeldBySecond = ids.stream()
                    .filter(id -> HttpTestApps.ownerPort(first, CATALOG, id) == second.httpPort())
                    .findFirst().orElseThrow();

            assertProjectionRoutedAndGathered(viaFirst, viaSecond, ids, rowHeldBySecond);
        }
    }

    @Test
    void givenIdsThatNeedUrlEncodingOwnedByTheOtherInstance_whenPostedAndReadThroughThisOne_thenAllAnswer(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB, @TempDir Path keys) throws Exception {
        // Both instances take the same keys: an admin's, and a reader's without read:pii.
        String admin = ApiKeys.newKey();
        String reader = ApiKeys.newKey();
        Path keyFile = Files.writeString(keys.resolve("api-keys.properties"), "ops = " + ApiKeys.hash(admin)
                + " admin\ndashboard = " + ApiKeys.hash(reader) + " read\n");
        Map<String, String> withKeys = Map.of(EventloomConfig.HTTP_AUTH_API_KEYS_FILE, keyFile.toString());
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = HttpTestApps.startReady(config(broker, registry, dirA, "http-routing-ids",
                     withKeys));
             EventloomApp second = HttpTestApps.startReady(config(broker, registry, dirB, "http-routing-ids",
                     withKeys))) {
            HttpClientSupport viaFirst = HttpClientSupport.withToken(first.httpPort(), admin);
            await().atMost(HttpTestApps.STARTUP).until(() -> viaFirst.get("/health/ready").statusCode() == 200
                    && HttpClientSupport.anonymous(second.httpPort()).get("/health/ready").statusCode() == 200);

            for (String special : List.of(" ", "%", "?", "#", "/", "%2F", "é")) {
                String id = IntStream.range(0, 100).mapToObj(i -> "odd" + special + "id-" + i)
                        .filter(candidate -> ownerPort(first, candidate) == second.httpPort())
                        .findFirst().orElseThrow();
                String path = "/api/product/" + encoded(id);

                HttpResponse<String> created = viaFirst.post(path + "/CreateProduct", MUG);
                HttpResponse<String> state = viaFirst.get(path + "?minVersion=1");
                HttpResponse<String> events = viaFirst.get(path + "/events?fromVersion=1");
                HttpResponse<String> row = viaFirst.get("/api/projections/product-catalog/" + encoded(id)
                        + "?minVersion=1");

                assertThat(created.statusCode()).as(id + ": " + created.body()).isEqualTo(200);
                assertThat(json(created).path("events").get(0).path("payload").path("sku").asText())
                        .as("the command's events, read from the owner").isEqualTo("MUG-1");
                assertThat(json(state).path("aggregateId").asText()).as(id + ": " + state.body()).isEqualTo(id);
                assertThat(json(events).path("events")).as(id + ": " + events.body()).hasSize(1);
                assertThat(json(row).path("key").asText()).as(id + ": " + row.body()).isEqualTo(id);
            }
            // Personal data read through the instance that does not hold it: masked as for the caller who asked.
            String customer = IntStream.range(0, 100).mapToObj(i -> "customer-" + i)
                    .filter(candidate -> HttpTestApps.ownerPort(first, AggregateStores.of("customer").state(),
                            candidate) == second.httpPort()).findFirst().orElseThrow();
            assertThat(viaFirst.post("/api/customer/" + customer + "/RegisterCustomer",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> masked = HttpClientSupport.withToken(first.httpPort(), reader)
                    .get("/api/customer/" + customer + "?minVersion=1");
            HttpResponse<String> shown = viaFirst.get("/api/customer/" + customer + "?minVersion=1");
            assertThat(json(masked).path("state").path("email").asText()).as(masked.body())
                    .isEqualTo(AvroJson.MASK);
            assertThat(json(shown).path("state").path("email").asText()).as(shown.body())
                    .isEqualTo("ada@example.com");
        }
    }

    @Test
    void givenAReadyInstance_whenASecondJoinsAndLeaves_thenTheFirstAnswersReadyThroughBothRebalances(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = HttpTestApps.startReady(config(broker, registry, dirA, "http-routing-join"))) {
            HttpClientSupport viaFirst = HttpClientSupport.of(first);
            List<HttpResponse<String>> probes = new CopyOnWriteArrayList<>();
            // Probing as an orchestrator would, only faster: the first's rebalances last tens of milliseconds.
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            try {
                prober.scheduleWithFixedDelay(() -> probes.add(viaFirst.get("/health/ready")), 0, 5,
                        TimeUnit.MILLISECONDS);
                try (EventloomApp second = HttpTestApps.startReady(config(broker, registry, dirB,
                        "http-routing-join"))) {
                    await().atMost(HttpTestApps.STARTUP).until(() -> streamsState(first) == KafkaStreams.State.RUNNING
                            && HttpClientSupport.of(second).get("/health/ready").statusCode() == 200);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> streamsState(first) == KafkaStreams.State.RUNNING);
            } finally {
                prober.shutdownNow();
            }

            List<String> states = probes.stream().map(probe -> json(probe).path("checks").path("streams")
                    .path("state").asText()).distinct().toList();
            assertThat(probes).as("readiness while in " + states).isNotEmpty()
                    .allSatisfy(probe -> assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200));
        }
    }

    @Test
    void givenAggregateOwnedByTheOtherInstance_whenAForwardedReadReachesThisOne_thenUnavailableNotNotFound(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = HttpTestApps.startReady(config(broker, registry, dirA, "http-routing-former"));
             EventloomApp second = HttpTestApps.startReady(config(broker, registry, dirB, "http-routing-former"))) {
            HttpClientSupport viaFirst = HttpClientSupport.of(first);
            HttpClientSupport viaSecond = HttpClientSupport.of(second);
            await().atMost(HttpTestApps.STARTUP).until(() -> viaFirst.get("/health/ready").statusCode() == 200
                    && viaSecond.get("/health/ready").statusCode() == 200);
            // The second actively holds both the aggregate's task and its catalog row's; the first at most a standby.
            String id = IntStream.range(0, 100).mapToObj(i -> "held-" + i)
                    .filter(candidate -> HttpTestApps.ownerPort(first, STATE_STORE, candidate) == second.httpPort()
                            && HttpTestApps.ownerPort(first, CATALOG, candidate) == second.httpPort())
                    .findFirst().orElseThrow();
            assertThat(viaSecond.post("/api/product/" + id + "/CreateProduct", MUG).statusCode()).isEqualTo(200);
            List<String> reads = List.of("/api/product/" + id, "/api/product/" + id + "/events",
                    "/api/projections/" + CATALOG + "/" + id);
            // The owner answers each read as a forwarded one (the catalog follows the events asynchronously).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reads).allSatisfy(read ->
                    assertThat(viaSecond.get(read, forwarded(read)).statusCode())
                            .as(read).isEqualTo(200)));

            // What a read forwarded by an instance with stale metadata meets at a former owner.
            List<HttpResponse<String>> atFormerOwner = reads.stream()
                    .map(read -> viaFirst.get(read, forwarded(read))).toList();

            assertThat(atFormerOwner).allSatisfy(response -> {
                assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(json(response).path("error").asText()).isEqualTo("store_unavailable");
            });
        }
    }

    /** The headers an instance forwards a read with, proof included. */
    private static String[] forwarded(String pathAndQuery) {
        return new String[] {InstanceRouter.FORWARDED_HEADER, new ForwardingProof(TestAccess.FORWARDING_SECRET)
                .sign(pathAndQuery, PersonalData.MASKED), InstanceRouter.PERSONAL_DATA_HEADER,
                PersonalData.MASKED.name()};
    }

    private static void assertAggregateReadsRouted(HttpClientSupport viaFirst, HttpClientSupport viaSecond,
                                                   String ownedBySecond, String ownedByFirst) {
        HttpResponse<String> remoteState = viaFirst.get("/api/product/" + ownedBySecond + "?minVersion=1");
        // The first instance holds a standby of that partition too: only the owner's metrics prove the hop.
        assertThat(viaSecond.get("/metrics").body()).contains("uri=\"/api/{type}/{id}\"");
        HttpResponse<String> remoteEvents = viaFirst.get("/api/product/" + ownedBySecond + "/events");
        HttpResponse<String> restocked = viaFirst.post("/api/product/" + ownedBySecond + "/Restock",
                "{\"quantity\":2}");
        HttpResponse<String> otherWay = viaSecond.get("/api/product/" + ownedByFirst);
        HttpResponse<String> remotePage = viaFirst.get("/api/product/" + ownedBySecond + "/events?limit=1");

        assertThat(remoteState.statusCode()).as(remoteState.body()).isEqualTo(200);
        assertThat(json(remoteState).path("state").path("sku").asText()).isEqualTo("MUG-1");
        assertThat(json(remoteEvents).path("events")).hasSize(1);
        assertThat(json(restocked).path("events").get(0).path("payload").path("quantity").asInt()).isEqualTo(2);
        assertThat(otherWay.statusCode()).as(otherWay.body()).isEqualTo(200);
        // The owner pages too: the limit reaches it, and next says where the rest starts.
        assertThat(json(remotePage).path("events")).extracting(e -> e.path("version").asLong()).containsExactly(1L);
        assertThat(json(remotePage).path("next").asLong()).isEqualTo(2);
    }

    private static void assertProjectionRoutedAndGathered(HttpClientSupport viaFirst, HttpClientSupport viaSecond,
                                                          List<String> ids, String ownedBySecond) {
        String projection = "/api/projections/product-catalog";
        HttpResponse<String> row = viaFirst.get(projection + "/" + ownedBySecond + "?minVersion=1");
        assertThat(row.statusCode()).as(row.body()).isEqualTo(200);
        assertThat(json(row).path("row").path("sku").asText()).isEqualTo("MUG-1");

        // The catalog follows the events asynchronously: page until every product has its row.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allKeys(viaFirst, projection))
                .containsExactlyElementsOf(ids.stream().sorted().toList()));
        assertThat(viaSecond.get("/metrics").body()).contains("uri=\"/api/projections/{name}/{key}\"",
                "uri=\"/api/projections/{name}\"");
    }

    private static List<String> allKeys(HttpClientSupport client, String projection) {
        List<String> paged = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = json(client.get(projection + "?limit=5" + (after.isEmpty() ? "" : "&after=" + after)));
            page.path("rows").forEach(r -> paged.add(r.path("key").asText()));
            after = page.path("next").isNull() ? "" : page.path("next").asText();
        } while (!after.isEmpty());
        return paged;
    }

    private static KafkaStreams.State streamsState(EventloomApp app) {
        return app.services().runtime().streams().state();
    }

    private static int ownerPort(EventloomApp app, String id) {
        return HttpTestApps.ownerPort(app, STATE_STORE, id);
    }

    // Percent-encoded as a client would send it, independently of the code under test.
    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static EventloomConfig config(TestBroker broker, EmbeddedSchemaRegistry registry, Path stateDir) {
        return config(broker, registry, stateDir, "http-routing");
    }

    private static EventloomConfig config(TestBroker broker, EmbeddedSchemaRegistry registry, Path stateDir,
                                          String applicationId) {
        return config(broker, registry, stateDir, applicationId, Map.of());
    }

    private static EventloomConfig config(TestBroker broker, EmbeddedSchemaRegistry registry, Path stateDir,
                                          String applicationId, Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                EventloomConfig.STREAMS_STANDBY_REPLICAS, "1",
                EventloomConfig.HTTP_READ_WAIT, "PT2S"));
        overrides.putAll(more);
        return HttpTestApps.config(broker, registry.url(), applicationId, stateDir, overrides);
    }
}
