package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.Restock;
import io.eventloom.shop.projection.ProductCatalogRow;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code projections.placement=own-application}, the shop's projections run as a Kafka Streams application of
 * their own beside the commands': their own consumer group reads the events, a rebuilt generation takes over from
 * theirs, and commands keep flowing while the projections' application is down. And a placement switched on the
 * same data, and back.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionsApplicationIntegrationTest {

    private static final String APP = "projections-app-it";
    private static final Map<String, String> APART = placement("own-application");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Money PRICE = new Money(1250L, "EUR");

    @TempDir
    static Path dir;

    private static CliShop shop;
    private static TestBroker kafka;

    @BeforeAll
    static void start(TestBroker broker) {
        kafka = broker;
        shop = CliShop.start(broker, APP, dir.resolve(APP), APART);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static Map<String, String> placement(String value) {
        return Map.of(EventloomConfig.PROJECTIONS_PLACEMENT, value);
    }

    @Test
    @Order(1)
    void givenAProductCreated_whenItsCatalogRowIsThere_thenItsOwnGroupReadTheEventAndBothApplicationsAreMeasured()
            throws Exception {
        accepted(send(shop.app(), "own-group-mug", new CreateProduct("SKU-1", "Mug", PRICE, 5, null)));

        awaitStock(shop.app(), "own-group-mug", 5);

        String productEvents = shop.app().services().topics().events("product");
        try (Admin admin = KafkaTestClients.admin(kafka.bootstrapServers())) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(topicsCommitted(admin, APP + "-projections"))
                    .contains(productEvents));
            Set<String> commandsGroup = topicsCommitted(admin, APP);
            assertThat(commandsGroup).as("the commands application reads its commands")
                    .contains(shop.app().services().topics().commands("product"));
            assertThat(commandsGroup).as("no saga reads product events, so the commands application does not")
                    .doesNotContain(productEvents);
        }
        HttpClientSupport http = HttpClientSupport.of(shop.app());
        // Measured on the projections' own group: on the commands' group, every product event would count as lag.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Scrape.parse(http.get("/metrics").body())
                .value("eventloom_projection_lag_records", "projection", "product-catalog")).isZero());
        Scrape metrics = Scrape.parse(http.get("/metrics").body());
        assertThat(metrics.samples()).as("both applications' stream threads are measured")
                .anySatisfy(sample -> assertThat(streamThread(sample)).startsWith(APP + "-projections-"))
                .anySatisfy(sample -> assertThat(streamThread(sample)).startsWith(APP + "-")
                        .doesNotStartWith(APP + "-projections-"));
    }

    @Test
    @Order(2)
    void givenARebuiltProjection_whenTheInstanceRestarts_thenTheProjectionsApplicationKeepsNoOldStoreOfIt()
            throws Exception {
        accepted(send(shop.app(), "rebuilt-mug", new CreateProduct("SKU-2", "Mug", PRICE, 5, null)));
        awaitStock(shop.app(), "rebuilt-mug", 5);
        CliShop.Run run = shop.run("projections", "rebuild", "product-catalog");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Path projectionsState = dir.resolve(APP).resolve("state").resolve(APP + "-projections");
        assertThat(CliShop.localStores(projectionsState, "product-catalog")).isNotEmpty();

        shop.close();
        shop = CliShop.start(kafka, APP, dir.resolve(APP), APART);

        EventloomRuntime runtime = shop.app().services().runtime();
        assertThat(runtime.projectionGenerations().of("product-catalog").live()).isEqualTo(2);
        // Generation 1 is no longer kept where the projections' application keeps it; those it keeps are there.
        assertThat(CliShop.localStores(projectionsState, "product-catalog")).isEmpty();
        assertThat(CliShop.localStores(projectionsState, "product-sales")).isNotEmpty();
        awaitStock(shop.app(), "rebuilt-mug", 5);
        JsonNode projections = json(HttpClientSupport.of(shop.app()).get("/health/ready")).path("checks")
                .path("projections");
        assertThat(projections.path("status").asText()).isEqualTo("UP");
        assertThat(projections.path("product-catalog").path("generation").asInt()).isEqualTo(2);
        assertThat(projections.path("product-catalog").path("status").asText()).isEqualTo("RUNNING");
        assertThat(projections.path("product-sales").path("generation").asInt()).isEqualTo(1);
        assertThat(projections.path("product-sales").path("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    @Order(3)
    void givenTheProjectionsApplicationStopped_whenACommandIsSent_thenItIsAcceptedAndReadinessSaysWhy() {
        accepted(send(shop.app(), "still-flowing-mug", new CreateProduct("SKU-3", "Mug", PRICE, 5, null)));
        KafkaStreams projections = shop.app().services().runtime().applications().get(1);

        projections.close(Duration.ofSeconds(30));

        CommandResult restocked = send(shop.app(), "still-flowing-mug", new Restock(3));
        accepted(restocked);
        assertThat(restocked.getVersion()).isEqualTo(2L);
        HttpResponse<String> ready = HttpClientSupport.of(shop.app()).get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).path("checks").path("streams").path("state").asText()).isEqualTo("NOT_RUNNING");
        assertThat(HttpClientSupport.of(shop.app()).get("/health/live").statusCode()).isEqualTo(200);
    }

    /**
     * Switching placement on the same data: the application that now computes the projections resumes from what it
     * committed under that placement (the first time, from the first event), and the aggregates keep their state
     * through their topology's new shape.
     */
    @Test
    @Order(4)
    void givenAProductWithTheProjectionsWithTheCommands_whenPlacedApartAndBackAgain_thenRowsAndStateFollow()
            throws Exception {
        String id = "placement-switch";
        Path data = dir.resolve(id);
        try (CliShop together = CliShop.start(kafka, id, data, placement("with-commands"))) {
            accepted(send(together.app(), "switch-mug", new CreateProduct("SKU-4", "Mug", PRICE, 5, null)));
            awaitStock(together.app(), "switch-mug", 5);
        }
        try (CliShop apart = CliShop.start(kafka, id, data, APART)) {
            awaitStock(apart.app(), "switch-mug", 5);
            CommandResult restocked = send(apart.app(), "switch-mug", new Restock(3));
            accepted(restocked);
            assertThat(restocked.getVersion()).isEqualTo(2L);
            awaitStock(apart.app(), "switch-mug", 8);
        }
        try (CliShop together = CliShop.start(kafka, id, data, placement("with-commands"))) {
            awaitStock(together.app(), "switch-mug", 8);
            CommandResult restocked = send(together.app(), "switch-mug", new Restock(1));
            accepted(restocked);
            assertThat(restocked.getVersion()).isEqualTo(3L);
            awaitStock(together.app(), "switch-mug", 9);
        }
    }

    private static void awaitStock(EventloomApp app, String product, int available) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(app.services().projections()
                .row("product-catalog", product)).hasValueSatisfying(row ->
                        assertThat(((ProductCatalogRow) row).getAvailableStock()).isEqualTo(available)));
    }

    private static String streamThread(Scrape.Sample sample) {
        return sample.name().startsWith("kafka_stream_thread_") ? sample.labels().getOrDefault("thread_id", "") : "";
    }

    private static Set<String> topicsCommitted(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
    }

    private static CommandResult send(EventloomApp app, String id, SpecificRecord command) {
        return app.services().gateway().send("product", id, command, CommandOptions.defaults(), TIMEOUT).join();
    }

    private static void accepted(CommandResult result) {
        assertThat(result.getStatus()).as("%s: %s", result.getCommandId(), result.getRejectionMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
    }
}
