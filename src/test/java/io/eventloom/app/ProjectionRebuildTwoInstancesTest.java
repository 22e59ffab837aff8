package io.eventloom.app;

import io.eventloom.cli.ExitCodes;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.http.HttpClientSupport;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code projections rebuild} with two instances of one application: both build the new generation, each its share
 * of the partitions, and after the switch either instance answers for every key, forwarding by the new generation's
 * placement.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProjectionRebuildTwoInstancesTest {

    private static final String APP = "rebuild-two";
    private static final String SECRET = "rebuild-two-forwarding-secret-0123";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @Test
    void givenTwoInstances_whenTheCatalogIsRebuilt_thenBothBuildTheirShareAndEitherAnswersForEveryKey(
            TestBroker broker, @TempDir Path dirA, @TempDir Path dirB) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                FreePort.find());
             EventloomApp first = EventloomApp.start(config(broker, dirA, registry.url()));
             EventloomApp second = EventloomApp.start(config(broker, dirB, registry.url()))) {
            HttpClientSupport viaFirst = HttpClientSupport.of(first);
            HttpClientSupport viaSecond = HttpClientSupport.of(second);
            await().atMost(STARTUP).until(() -> viaFirst.get("/health/ready").statusCode() == 200
                    && viaSecond.get("/health/ready").statusCode() == 200);
            List<String> ids = IntStream.range(0, 12).mapToObj(i -> "two-" + i).toList();
            for (String id : ids) {
                assertThat(first.services().gateway().send("product", id, new CreateProduct(id, "Mug",
                                new Money(1250L, "EUR"), 10, null), CommandOptions.defaults(), Duration.ofSeconds(30))
                        .get().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(viaFirst)).isEqualTo(12));
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            List<String> unanswered = new CopyOnWriteArrayList<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (String id : ids) {
                        HttpResponse<String> read = viaSecond.get("/api/projections/product-catalog/" + id);
                        statuses.add(read.statusCode());
                        if (read.statusCode() != 200) {
                            unanswered.add(id + ": " + read.statusCode() + " " + read.body());
                        }
                    }
                }
            }, "two-instances-reads");
            reader.start();
            String out;
            int exit;
            try {
                StringWriter output = new StringWriter();
                StringWriter errors = new StringWriter();
                exit = Main.commandLine(new Main(environment(broker, first))).setOut(new PrintWriter(output))
                        .setErr(new PrintWriter(errors)).execute("projections", "rebuild", "product-catalog");
                out = output + errors.toString();
            } finally {
                reading.set(false);
                reader.join();
            }

            assertThat(exit).as(out).isEqualTo(ExitCodes.OK);
            assertThat(statuses).as("reads through the second instance during the rebuild").isNotEmpty();
            assertThat(unanswered).as("reads through the second instance not answered during the rebuild").isEmpty();
            for (EventloomApp app : List.of(first, second)) {
                KafkaStreams build = app.services().runtime().projectionGenerations().build("product-catalog", 2)
                        .orElseThrow();
                assertThat(app.services().runtime().streamsFor("product-catalog")).isSameAs(build);
                assertThat(build.metadataForLocalThreads()).flatExtracting(ThreadMetadata::activeTasks)
                        .as("each instance builds its share").isNotEmpty();
            }
            for (HttpClientSupport via : List.of(viaFirst, viaSecond)) {
                for (String id : ids) {
                    HttpResponse<String> row = via.get("/api/projections/product-catalog/" + id);
                    assertThat(row.statusCode()).as(id + ": " + row.body()).isEqualTo(200);
                }
                assertThat(rows(via)).isEqualTo(12);
            }
        }
    }

    private static int rows(HttpClientSupport via) {
        HttpResponse<String> page = via.get("/api/projections/product-catalog?limit=100");
        return page.statusCode() == 200 ? HttpClientSupport.json(page).path("rows").size() : -1;
    }

    private static EventloomConfig config(TestBroker broker, Path dir, String registryUrl) {
        return CliShop.config(broker, APP, dir, Map.of(
                EventloomConfig.SCHEMA_REGISTRY_URL, registryUrl,
                EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                EventloomConfig.TOPIC_PARTITIONS, "4",
                EventloomConfig.HTTP_FORWARDING_SECRET, SECRET));
    }

    private static Map<String, String> environment(TestBroker broker, EventloomApp app) {
        return Map.of(
                EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS), broker.bootstrapServers(),
                EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL), app.schemaRegistryUrl(),
                EventloomConfig.envNameOf(EventloomConfig.TOPIC_NAMESPACE), APP,
                EventloomConfig.envNameOf(EventloomConfig.APPLICATION_ID), APP);
    }
}
