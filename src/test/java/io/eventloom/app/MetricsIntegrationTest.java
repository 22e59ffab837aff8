package io.eventloom.app;

import io.eventloom.core.CommandOptions;
import io.eventloom.core.CommandTimeoutException;
import io.eventloom.core.Domain;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.Increment;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.Money;
import io.eventloom.shop.Shop;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every family of Eventloom's own metrics on a running app, scraped from {@code /metrics} after real traffic: the
 * shop, plus the counter and its echo process, which gives up on an echo that is never answered.
 */
@ExtendWith(KafkaBrokerExtension.class)
class MetricsIntegrationTest {

    private static final String NS = "metrics-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ECHO_PATIENCE = Duration.ofSeconds(1);
    private static final Money PRICE = new Money(1250L, "EUR");
    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    @TempDir
    static Path dir;

    private static TestBroker kafka;
    private static EventloomApp app;
    private static HttpClientSupport http;

    @BeforeAll
    static void start(TestBroker broker) {
        kafka = broker;
        Domain shop = Shop.domain();
        Domain domain = new Domain(plus(shop.aggregates(), CounterAggregate.TYPE),
                plus(shop.processes(), EchoProcess.type(ECHO_PATIENCE)), shop.projections());
        app = EventloomApp.start(CliShop.config(broker, NS, dir, Map.of(
                EventloomConfig.HTTP_READ_WAIT, "PT0.5S",
                // Names the app's Kafka clients, so the client metrics tell them apart.
                EventloomConfig.KAFKA_PREFIX + "client.id", NS)), domain);
        app.services().runtime().awaitRunning(TIMEOUT);
        http = HttpClientSupport.of(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void givenCommandsAcceptedAndRejected_whenScraped_thenCountedByTypeCommandOutcomeAndCodeAndTimed() {
        String id = newId();

        assertThat(http.post("/api/product/" + id + "/CreateProduct", MUG).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/product/" + id + "/CreateProduct", MUG).statusCode()).isEqualTo(422);

        Scrape scrape = scrape();
        assertThat(scrape.value("eventloom_commands_total", "type", "product", "command", "CreateProduct",
                "outcome", "accepted", "code", "none")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("eventloom_commands_total", "type", "product", "command", "CreateProduct",
                "outcome", "rejected", "code", "ALREADY_EXISTS")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("eventloom_events_appended_total", "type", "product", "event", "ProductCreated"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("eventloom_command_duration_seconds_count", "type", "product"))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("eventloom_command_duration_seconds_sum", "type", "product")).isPositive();
        for (String slo : List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0")) {
            assertThat(scrape.all("eventloom_command_duration_seconds_bucket", "type", "product", "le", slo))
                    .as("SLO bucket %s", slo).hasSize(1);
        }
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertThat(scrape.value("eventloom_command_duration_quantile_seconds", "type", "product",
                    "quantile", quantile)).as("quantile %s", quantile).isPositive();
        }
    }

    @Test
    void givenOneIdempotencyKeyTwice_whenScraped_thenTheSecondIsADedupeHit() {
        String id = newId();
        double before = scrape().count("eventloom_commands_deduplicated_total", "type", "product");

        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/api/product/" + id + "/CreateProduct", MUG, "Idempotency-Key", "create-" + id)
                    .statusCode()).isEqualTo(200);
        }

        assertThat(scrape().value("eventloom_commands_deduplicated_total", "type", "product"))
                .isEqualTo(before + 1);
    }

    @Test
    void givenPoisonOnTheCommandTopic_whenProcessed_thenADeadLetterFromThatTopic() throws Exception {
        KafkaTestClients.produce(kafka.bootstrapServers(), NS + ".product.commands",
                Map.of("poison", "not a command"));

        await().atMost(TIMEOUT).until(() -> scrape().count("eventloom_dead_letters_total",
                "source", NS + ".product.commands") >= 1);
    }

    @Test
    void givenAnOrder_whenTheSagaConfirmsIt_thenEachStepEnteredIsCountedAndTheInstanceIsInFlight() {
        String id = newId();
        accepted("product", "mug-" + id, new CreateProduct("SKU-" + id, "Mug", PRICE, 5, null));
        accepted("customer", "ada-" + id, new RegisterCustomer("Ada", id + "@example.org"));

        accepted("order", "order-" + id, new PlaceOrder("ada-" + id, List.of(new OrderLine("mug-" + id, 1, PRICE)),
                "web"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Scrape scrape = scrape();
            for (String step : List.of("approving_customer", "reserving", "confirming", "confirmed")) {
                assertThat(scrape.count("eventloom_saga_steps_total", "process", "order-fulfilment", "step", step))
                        .as(step).isGreaterThanOrEqualTo(1);
            }
            assertThat(scrape.value("eventloom_saga_instances", "process", "order-fulfilment")).isPositive();
        });
    }

    @Test
    void givenAnEchoNeverAnswered_whenItsPatienceRunsOut_thenATimeoutIsCounted() {
        accepted("counter", "src-" + newId(), new Increment(EchoProcess.UNANSWERED));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.count("eventloom_saga_timeouts_total", "process", "echo")).isGreaterThanOrEqualTo(1);
            assertThat(scrape.count("eventloom_saga_steps_total", "process", "echo", "step", "started"))
                    .isGreaterThanOrEqualTo(1);
            // The echo itself was dead-lettered on the process's own topic to the counter.
            assertThat(scrape.count("eventloom_dead_letters_total", "source", NS + "-echo-to-counter-repartition"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void givenAVersionNeverReached_whenReadWithMinVersion_thenTheOneWaitThatGaveUpIsCountedByKind() {
        String id = newId();
        http.post("/api/product/" + id + "/CreateProduct", MUG);
        Scrape before = scrape();

        assertThat(http.get("/api/product/" + id + "?minVersion=99").statusCode()).isEqualTo(503);
        assertThat(http.get("/api/projections/product-catalog/" + id + "?minVersion=99").statusCode())
                .isEqualTo(503);

        Scrape after = scrape();
        // Exactly one each: a read that waited for its version until the deadline is not waited for a second time.
        for (String kind : List.of("aggregate", "projection")) {
            assertThat(after.value("eventloom_read_wait_timeouts_total", "kind", kind)).as(kind)
                    .isEqualTo(before.count("eventloom_read_wait_timeouts_total", "kind", kind) + 1);
        }
    }

    @Test
    void givenTheRuntimePaused_whenACommandAndAnEventWait_thenGatewayPendingTimeoutsAndProjectionLagShowIt()
            throws Exception {
        List<KafkaStreams> applications = app.services().runtime().applications();
        double timeoutsBefore = scrape().count("eventloom_gateway_timeouts_total", "type", "customer");
        applications.forEach(KafkaStreams::pause);
        try {
            CompletableFuture<CommandResult> waiting = app.services().gateway().send("customer", newId(),
                    new RegisterCustomer("Bo", "bo@example.org"), CommandOptions.defaults(), Duration.ofSeconds(3));
            assertThat(scrape().value("eventloom_gateway_pending")).isGreaterThanOrEqualTo(1);
            // Bytes no event: the customer projections wait on them until the runtime goes on, then dead-letter them.
            KafkaTestClients.produce(kafka.bootstrapServers(), NS + ".customer.events", Map.of("c-lag", "?"));

            await().atMost(TIMEOUT).untilAsserted(() -> {
                Scrape scrape = scrape();
                assertThat(scrape.value("eventloom_projection_lag_records", "projection", "customer-rows"))
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("eventloom_projection_lag_seconds", "projection", "customer-rows"))
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("eventloom_projection_lag_records", "projection", "order-summary"))
                        .as("a join waits on both sides").isGreaterThanOrEqualTo(1);
            });
            assertThat(waiting).failsWithin(TIMEOUT).withThrowableThat().havingCause()
                    .isInstanceOf(CommandTimeoutException.class);
            assertThat(scrape().value("eventloom_gateway_timeouts_total", "type", "customer"))
                    .isEqualTo(timeoutsBefore + 1);
        } finally {
            applications.forEach(KafkaStreams::resume);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.value("eventloom_projection_lag_records", "projection", "customer-rows")).isZero();
            assertThat(scrape.value("eventloom_projection_lag_seconds", "projection", "customer-rows")).isZero();
            assertThat(scrape.count("eventloom_dead_letters_total", "source", NS + ".customer.events"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void givenTheStoresRestoredAtStart_whenScraped_thenEachStoreHasItsRestoreProgress() {
        Scrape scrape = scrape();

        assertThat(scrape.value("eventloom_store_restore_remaining", "store", "product-aggregate-state")).isZero();
        assertThat(scrape.all("eventloom_store_restore_restored", "store", "product-aggregate-state")).hasSize(1);
    }

    @Test
    void givenTheGatewayAndTheRegistry_whenScraped_thenTheirKafkaClientsHaveMetrics() {
        accepted("product", newId(), new CreateProduct("SKU", "Mug", PRICE, 1, null));

        Scrape scrape = scrape();
        for (String client : List.of("gateway-producer", "registry-producer")) {
            assertThat(scrape.all("kafka_producer_record_send_total", "client_id", NS + "-" + client))
                    .as(client).isNotEmpty();
        }
        for (String client : List.of("gateway-results", "registry-reader")) {
            assertThat(scrape.all("kafka_consumer_fetch_manager_records_consumed_total", "client_id",
                    NS + "-" + client)).as(client).isNotEmpty();
        }
        assertThat(scrape.samples()).anyMatch(sample -> sample.name().startsWith("kafka_stream_thread_"));
    }

    private static Scrape scrape() {
        return Scrape.parse(http.get("/metrics").body());
    }

    private static void accepted(String type, String id, SpecificRecord payload) {
        CommandResult result = app.services().gateway().send(type, id, payload, CommandOptions.defaults(), TIMEOUT)
                .join();
        assertThat(result.getStatus()).as("%s %s: %s", type, id, result.getRejectionMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
    }

    private static <T> List<T> plus(List<? extends T> list, T more) {
        List<T> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
