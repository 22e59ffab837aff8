package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionGenerations;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.Money;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.product.CreateProduct;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code eventloom projections rebuild} on the running shop while commands flow and reads go on. */
@ExtendWith(KafkaBrokerExtension.class)
class ProjectionRebuildIntegrationTest {

    private static final String NAMESPACE = "cli-rebuild";
    private static final int PRODUCTS_BEFORE = 30;

    @TempDir
    static Path dir;

    private static CliShop shop;
    private static TestBroker kafka;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        kafka = broker;
        shop = CliShop.start(broker, NAMESPACE, dir);
        for (int i = 0; i < PRODUCTS_BEFORE; i++) {
            send("product", "before-" + i, product("before-" + i));
        }
        HttpClientSupport http = HttpClientSupport.of(shop.app());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(catalogRows(http))
                .isEqualTo(PRODUCTS_BEFORE));
    }

    private static int catalogRows(HttpClientSupport http) {
        HttpResponse<String> page = http.get("/api/projections/product-catalog?limit=1000");
        return page.statusCode() == 200 ? HttpClientSupport.json(page).path("rows").size() : -1;
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static CreateProduct product(String sku) {
        return new CreateProduct(sku, "Mug " + sku, new Money(1250L, "EUR"), 10, null);
    }

    private static void send(String type, String id, SpecificRecord payload) throws Exception {
        assertThat(shop.app().services().gateway().send(type, id, payload, CommandOptions.defaults(),
                Duration.ofSeconds(30)).get().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
    }

    /** One read while the rebuild runs: the generation read at the time, the answer's status and rows. */
    private record Read(int generation, int rowStatus, int pageRows) {
    }

    @Test
    void givenCommandsFlowingAndReadsGoingOn_whenTheCatalogIsRebuilt_thenReadsAnswerFromTheOldOneThenSwitchToTheNew()
            throws Exception {
        ProjectionGenerations generations = shop.app().services().runtime().projectionGenerations();
        int before = generations.of("product-catalog").live();
        HttpClientSupport http = HttpClientSupport.of(shop.app());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger created = new AtomicInteger();
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean buildingSeen = new AtomicBoolean();
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    send("product", "during-" + created.get(), product("during-" + created.get()));
                    created.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "rebuild-test-load");
        Thread reader = new Thread(() -> {
            while (running.get()) {
                int generation = generations.of("product-catalog").live();
                HttpResponse<String> row = http.get("/api/projections/product-catalog/before-7");
                reads.add(new Read(generation, row.statusCode(), catalogRows(http)));
                JsonNode catalog = HttpClientSupport.json(http.get("/health/ready")).path("checks")
                        .path("projections").path("product-catalog");
                if (catalog.path("building").path("generation").asInt() == before + 1) {
                    buildingSeen.set(true);
                }
            }
        }, "rebuild-test-reads");
        load.start();
        reader.start();
        CliShop.Run run;
        int createdBeforeRebuild;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> created.get() >= 20);
            createdBeforeRebuild = created.get();

            run = shop.run("projections", "rebuild", "product-catalog", "--timeout", "PT2M");

            await().atMost(Duration.ofSeconds(10)).until(() -> reads.stream()
                    .filter(r -> r.generation() == before + 1).count() >= 20);
        } finally {
            running.set(false);
            load.join();
            reader.join();
        }
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("product-catalog: generation " + (before + 1) + " is read now");
        assertThat(run.err()).contains("Building generation " + (before + 1) + " of product-catalog beside generation "
                        + before)
                .contains("rebuild product-catalog: ");

        // Every read answered, and no page ever missed a row the catalog had before the rebuild began.
        assertThat(reads).allSatisfy(read -> {
            assertThat(read.rowStatus()).isEqualTo(200);
            assertThat(read.pageRows()).isGreaterThanOrEqualTo(PRODUCTS_BEFORE);
        });
        assertThat(reads).extracting(Read::generation).contains(before, before + 1);
        assertThat(buildingSeen).as("readiness showed the generation being built").isTrue();
        // The first read from the new generation already has what was created before the rebuild started.
        assertThat(reads.stream().filter(read -> read.generation() == before + 1).findFirst().orElseThrow()
                .pageRows())
                .isGreaterThanOrEqualTo(PRODUCTS_BEFORE + createdBeforeRebuild);
        assertThat(generations.of("product-catalog")).isEqualTo(new ProjectionGeneration(before + 1,
                OptionalInt.empty()));
        assertThat(shop.app().services().runtime().streamsFor("product-catalog"))
                .isNotSameAs(shop.app().services().runtime().streams());
        // The new generation keeps following the events: every product created during the rebuild is in it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(catalogRows(http))
                .isEqualTo(PRODUCTS_BEFORE + created.get()));
        send("product", "after-rebuild", product("after-rebuild"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.get("/api/projections/product-catalog/after-rebuild").statusCode()).isEqualTo(200));
    }

    @Test
    void givenARebuiltProjection_whenRebuiltAgain_thenTheGenerationBeforeIsRemovedWithItsGroupAndTopics()
            throws Exception {
        send("customer", "ada", new RegisterCustomer("Ada", "ada@example.com"));
        CliShop.Run first = shop.run("projections", "rebuild", "customer-rows");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        String second = ProjectionGeneration.applicationId(NAMESPACE, "customer-rows", 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).anyMatch(topic -> topic.startsWith(second + "-"));

            CliShop.Run run = shop.run("projections", "rebuild", "customer-rows", "--output", "json");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            JsonNode summary = new ObjectMapper().readTree(run.out());
            assertThat(summary.path("live").asInt()).isEqualTo(3);
            assertThat(summary.path("previous").asInt()).isEqualTo(2);
            assertThat(summary.path("previousGeneration").asText()).contains("removed");
            assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.startsWith(second + "-"));
            assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
                    .doesNotContain(second);
        }
        // The instance deletes its local state after leaving the group, so just after the command returns.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dir.resolve("state").resolve(second))
                .doesNotExist());
        HttpClientSupport http = HttpClientSupport.of(shop.app());
        assertThat(HttpClientSupport.json(http.get("/api/projections/customer-rows/ada")).path("row")
                .path("name").asText()).isEqualTo("Ada");

        CliShop.Run list = shop.run("projections", "list");
        assertThat(list.out()).contains("customer-rows: generation 3").contains("order-rows: generation 1");
    }

    @Test
    void givenARebuiltProjection_whenTheInstanceRestarts_thenItReadsTheRebuiltGenerationAndKeepsNoOldStore()
            throws Exception {
        int rebuilt = shop.app().services().runtime().projectionGenerations().of("product-catalog").live() + 1;
        CliShop.Run run = shop.run("projections", "rebuild", "product-catalog");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Path runtimeState = dir.resolve("state").resolve(NAMESPACE);
        assertThat(CliShop.localStores(runtimeState, "product-catalog")).isNotEmpty();

        shop.close();
        shop = CliShop.start(kafka, NAMESPACE, dir);

        EventloomRuntime runtime = shop.app().services().runtime();
        assertThat(runtime.projectionGenerations().of("product-catalog").live()).isEqualTo(rebuilt);
        assertThat(runtime.streamsFor("product-catalog")).isNotSameAs(runtime.streams())
                .isSameAs(runtime.projectionGenerations().build("product-catalog", rebuilt).orElseThrow());
        // The runtime's own generation is no longer kept: its local stores are gone; those it keeps are there.
        assertThat(CliShop.localStores(runtimeState, "product-catalog")).isEmpty();
        assertThat(CliShop.localStores(runtimeState, "product-sales")).isNotEmpty();
        HttpClientSupport http = HttpClientSupport.of(shop.app());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> row = http.get("/api/projections/product-catalog/before-3");
            assertThat(row.statusCode()).as(row.body()).isEqualTo(200);
            assertThat(HttpClientSupport.json(row).path("row").path("sku").asText()).isEqualTo("before-3");
        });
        assertThat(catalogRows(http)).isGreaterThanOrEqualTo(PRODUCTS_BEFORE);
        // Readiness tells which generation each projection is read from, and how it is.
        JsonNode projections = HttpClientSupport.json(http.get("/health/ready")).path("checks").path("projections");
        assertThat(projections.path("status").asText()).isEqualTo("UP");
        assertThat(projections.path("product-catalog").path("generation").asInt()).isEqualTo(rebuilt);
        assertThat(projections.path("product-catalog").path("status").asText()).isEqualTo("RUNNING");
        assertThat(projections.path("product-sales").path("generation").asInt()).isEqualTo(1);
        assertThat(projections.path("product-sales").path("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void givenAnUnknownProjection_whenRebuilt_thenItIsAUsageErrorNamingTheKnownOnes() {
        CliShop.Run run = shop.run("projections", "rebuild", "no-such-view");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("No projection 'no-such-view'").contains("product-catalog");
        assertThat(shop.run("projections", "list").out()).contains("product-catalog: generation");
    }
}
