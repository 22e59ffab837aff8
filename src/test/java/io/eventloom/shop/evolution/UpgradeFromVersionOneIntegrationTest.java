package io.eventloom.shop.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.core.AggregateReader;
import io.eventloom.core.Decider;
import io.eventloom.core.Snapshot;
import io.eventloom.core.StoredEvent;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.customer.CustomerDecider;
import io.eventloom.shop.order.OrderDecider;
import io.eventloom.shop.product.ProductDecider;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schema changes on the real broker and registry. What version 1 of the shop wrote, before orders had a sales
 * channel and products a category, and while customers' email changes were EmailChanged, is on the cluster as
 * version 1 left it ({@link VersionOneDeployment}); today's app starts on it. Version 1's events read with the new
 * fields at their defaults and the retired type upcast, next to events today's app writes, in the history (with
 * the schema version each was written with), the state and the projections; a client that sends no new field is
 * served as before.
 */
@ExtendWith(KafkaBrokerExtension.class)
class UpgradeFromVersionOneIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "additive-it";
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dir;

    private static EventloomApp app;
    private static AggregateReader reader;
    private static HttpClientSupport http;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        new VersionOneDeployment(broker.bootstrapServers(), NAMESPACE, NAMESPACE, PARTITIONS).leaveItsRecords();
        app = EventloomApp.start(EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.APPLICATION_ID, NAMESPACE,
                EventloomConfig.TOPIC_NAMESPACE, NAMESPACE,
                EventloomConfig.TOPIC_PARTITIONS, String.valueOf(PARTITIONS),
                EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString())));
        app.services().runtime().awaitRunning(TIMEOUT);
        reader = app.services().reader();
        http = HttpClientSupport.of(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void givenAProductVersionOneCreated_whenRestockedToday_thenItsHistoryHasNoCategoryAndItsStateFoldsBothEvents() {
        accepted(http.post("/api/product/v1-mug/Restock", "{\"quantity\":3}"));

        JsonNode events = read("/api/product/v1-mug/events").path("events");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("ProductCreated", "StockRestocked");
        assertThat(events.get(0).path("eventId").asText()).as("version 1's event").isEqualTo("v1-mug-event-1");
        JsonNode created = events.get(0).path("payload");
        assertThat(created.has("category")).isTrue();
        assertThat(created.path("category").isNull()).as("category of %s", created).isTrue();
        assertThat(created.path("initialStock").asInt()).isEqualTo(VersionOneRecords.INITIAL_STOCK);

        JsonNode product = read("/api/product/v1-mug?minVersion=2");
        assertThat(product.path("version").asLong()).isEqualTo(2);
        assertThat(product.path("state").path("availableStock").asLong()).isEqualTo(VersionOneRecords.INITIAL_STOCK + 3);
        assertThat(folded(new ProductDecider(), "product", "v1-mug")).isEqualTo(stored("product", "v1-mug"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode row = row("product-catalog", "v1-mug");
            assertThat(row.path("version").asLong()).isEqualTo(2);
            assertThat(row.path("availableStock").asLong()).isEqualTo(VersionOneRecords.INITIAL_STOCK + 3);
            assertThat(row.path("category").isNull()).as("category of %s", row).isTrue();
        });
    }

    @Test
    void givenACustomersEmailChangedByVersionOne_whenReadAndChangedToday_thenOnlyCurrentTypesEachWithItsSchemaVersion() {
        JsonNode before = read("/api/customer/v1-customer/events").path("events");
        assertThat(before).extracting(e -> e.path("type").asText())
                .containsExactly("CustomerRegistered", "ContactEmailChanged");
        assertThat(before.get(1).path("eventId").asText()).as("version 1's event").isEqualTo("v1-customer-event-2");
        assertThat(before.get(1).path("payload").toString()).isEqualTo("{\"email\":\"" + VersionOneRecords.EMAIL
                + "\"}");

        accepted(http.post("/api/customer/v1-customer/ChangeEmail", "{\"email\":\"grace@hopper.example\"}"));

        JsonNode after = read("/api/customer/v1-customer/events").path("events");
        assertThat(after).extracting(e -> e.path("type").asText())
                .containsExactly("CustomerRegistered", "ContactEmailChanged", "ContactEmailChanged");
        assertThat(after).extracting(e -> e.path("schemaVersion").asInt()).containsExactly(1, 1, 2);
        assertThat(stored("customer", "v1-customer")).isEqualTo(folded(new CustomerDecider(), "customer",
                "v1-customer"));
        assertThat(read("/api/customer/v1-customer").path("state").path("email").asText())
                .isEqualTo("grace@hopper.example");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode row = row("customer-rows", "v1-customer");
            assertThat(row.path("email").asText()).isEqualTo("grace@hopper.example");
            assertThat(row.path("version").asLong()).isEqualTo(3);
        });
    }

    @Test
    void givenAnOrderVersionOnePlacedAndCancelled_whenReadToday_thenPlacedOnTheWebAndItsStateIsItsEventsFolded() {
        JsonNode events = read("/api/order/v1-order/events").path("events");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("OrderPlaced", "OrderCancelled");
        assertThat(events.get(0).path("eventId").asText()).as("version 1's event").isEqualTo("v1-order-event-1");
        assertThat(events.get(0).path("payload").path("salesChannel").asText()).isEqualTo("web");

        JsonNode order = read("/api/order/v1-order");
        assertThat(order.path("version").asLong()).isEqualTo(2);
        assertThat(order.path("state").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("state").path("cancellationReason").asText())
                .isEqualTo(VersionOneRecords.CANCELLATION_REASON);
        assertThat(folded(new OrderDecider(), "order", "v1-order")).isEqualTo(stored("order", "v1-order"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String projection : new String[] {"order-rows", "order-summary"}) {
                JsonNode row = row(projection, "v1-order");
                assertThat(row.path("salesChannel").asText()).as(projection).isEqualTo("web");
                assertThat(row.path("status").asText()).as(projection).isEqualTo("CANCELLED");
                assertThat(row.path("version").asLong()).as(projection).isEqualTo(2);
            }
        });
    }

    @Test
    void givenVersionOnesOrder_whenAnOrderIsPlacedInTheStoreToday_thenHistoryAndRowsShowEachWithItsOwnFields() {
        accepted(http.post("/api/product/store-mug/CreateProduct", """
                {"sku":"STORE-MUG","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":5,
                 "category":"kitchen"}"""));
        accepted(http.post("/api/customer/store-customer/RegisterCustomer",
                "{\"name\":\"Ada\",\"email\":\"ada@example.org\"}"));

        accepted(http.post("/api/order/store-order/PlaceOrder", """
                {"customerId":"store-customer","salesChannel":"store",
                 "lines":[{"productId":"store-mug","quantity":1,"unitPrice":{"amountMinor":1250,"currency":"EUR"}}]}"""));

        JsonNode placed = firstEvent("/api/order/store-order/events");
        assertThat(placed.path("payload").path("salesChannel").asText()).isEqualTo("store");
        JsonNode created = firstEvent("/api/product/store-mug/events");
        assertThat(created.path("payload").path("category").asText()).isEqualTo("kitchen");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(channels("order-summary"))
                .containsEntry("v1-order", "web").containsEntry("store-order", "store"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(row("product-catalog", "store-mug")
                .path("category").asText()).isEqualTo("kitchen"));
    }

    @Test
    void givenAClientWrittenBeforeTheNewFields_whenItCreatesAProductAndPlacesAnOrder_thenBothTakeTheDefaults() {
        JsonNode created = accepted(http.post("/api/product/old-client-mug/CreateProduct", """
                {"sku":"OLD-CLIENT-MUG","name":"Mug","price":{"amountMinor":900,"currency":"EUR"},"initialStock":5}"""));
        accepted(http.post("/api/customer/old-client/RegisterCustomer",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\"}"));
        JsonNode placed = accepted(http.post("/api/order/old-client-order/PlaceOrder", """
                {"customerId":"old-client",
                 "lines":[{"productId":"old-client-mug","quantity":1,"unitPrice":{"amountMinor":900,"currency":"EUR"}}]}"""));

        assertThat(created.path("events").get(0).path("payload").path("category").isNull()).isTrue();
        assertThat(placed.path("events").get(0).path("payload").path("salesChannel").asText()).isEqualTo("web");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(row("order-rows", "old-client-order").path("salesChannel").asText()).isEqualTo("web");
            assertThat(row("product-catalog", "old-client-mug").path("category").isNull()).isTrue();
        });
    }

    /** The state today's decider folds from the aggregate's history, as the store holds it. */
    private static <S> S folded(Decider<SpecificRecord, SpecificRecord, S> decider, String type, String id) {
        S state = decider.initialState();
        for (StoredEvent event : reader.history(type, id)) {
            state = decider.evolve(state, event.payload());
        }
        return state;
    }

    private static SpecificRecord stored(String type, String id) {
        return reader.state(type, id).map(Snapshot::state).orElseThrow();
    }

    private static JsonNode row(String projection, String key) {
        HttpResponse<String> response = http.get("/api/projections/" + projection + "/" + key);
        assertThat(response.statusCode()).as("%s/%s: %s", projection, key, response.body()).isEqualTo(200);
        return json(response).path("row");
    }

    /** Each order's sales channel in one page of the projection. */
    private static Map<String, String> channels(String projection) {
        Map<String, String> channels = new HashMap<>();
        json(http.get("/api/projections/" + projection + "?limit=100")).path("rows").forEach(entry ->
                channels.put(entry.path("key").asText(), entry.path("row").path("salesChannel").asText()));
        return channels;
    }

    /**
     * The answer to a read once it is served: a 503 (a store moving in a rebalance, the registry away) is waited
     * out as its Retry-After asks a client to; any other answer than 200 fails with its body.
     */
    private static JsonNode read(String path) {
        HttpResponse<String> response = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path), answer -> answer.statusCode() != 503);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode firstEvent(String path) {
        JsonNode events = read(path).path("events");
        assertThat(events).as("the events at %s", path).isNotEmpty();
        return events.get(0);
    }

    private static JsonNode accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
