package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.StoredEvent;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code eventloom send} against the shop on the real broker and registry. */
@ExtendWith(KafkaBrokerExtension.class)
class SendCommandTest {

    @TempDir
    static Path dir;

    private static CliShop shop;

    @BeforeAll
    static void start(TestBroker broker) {
        shop = CliShop.start(broker, "cli-send", dir);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static String createProduct(String id) {
        return """
                {"type":"product","id":"%s","command":"CreateProduct","payload":{"sku":"%s","name":"Mug",\
                "price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}}""".formatted(id, id);
    }

    @Test
    void givenAFileWithGoodRejectedAndMalformedLines_whenSent_thenTheGoodAreAcceptedAndEachOtherIsReportedByLine()
            throws Exception {
        Path file = Files.writeString(dir.resolve("commands.jsonl"), String.join("\n",
                createProduct("file-mug"),
                createProduct("file-cup"),
                "{\"type\":\"product\",\"id\":\"file-bad\",\"command\":\"CreateProduct\"",
                createProduct("file-mug"),
                createProduct("file-plate")) + "\n");

        CliShop.Run run = shop.run("send", "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FOUND);
        assertThat(run.out())
                .contains("line 3: malformed: not JSON")
                .contains("line 4: rejected ALREADY_EXISTS: ")
                .contains("5 lines: 4 sent, 3 accepted, 1 rejected {ALREADY_EXISTS=1}, 1 malformed, 0 failed.");
        assertThat(run.err()).contains("send: 5/5");
        for (String id : new String[] {"file-mug", "file-cup", "file-plate"}) {
            assertThat(shop.app().services().reader().history("product", id)).extracting(StoredEvent::version)
                    .containsExactly(1L);
        }
    }

    @Test
    void givenCommandsOnStandardInput_whenSentWithJsonOutput_thenTheSummaryIsOneJsonDocument() throws Exception {
        String lines = createProduct("stdin-mug") + "\n"
                + "{\"type\":\"product\",\"id\":\"stdin-mug\",\"command\":\"Rename\",\"payload\":{}}\n";

        CliShop.Run run = withStandardInput(lines, () -> shop.run("send", "--output", "json"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FOUND);
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("sent").asLong()).isEqualTo(1);
        assertThat(summary.path("accepted").asLong()).isEqualTo(1);
        assertThat(summary.path("malformed").get(0).path("line").asLong()).isEqualTo(2);
        assertThat(summary.path("malformed").get(0).path("error").asText())
                .contains("'Rename' is not a command of product");
        assertThat(shop.app().services().reader().state("product", "stdin-mug")).isPresent();
    }

    @Test
    void givenNoWait_whenSent_thenItReportsOnlyWhatWasSentAndTheCommandsStillTakeEffect() throws Exception {
        Path file = Files.writeString(dir.resolve("no-wait.jsonl"), createProduct("nowait-mug") + "\n"
                + createProduct("nowait-cup") + "\n");

        CliShop.Run run = shop.run("send", "--no-wait", "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("2 lines: 2 sent, 0 malformed, 0 failed.").doesNotContain("accepted");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shop.app().services().reader().state("product", "nowait-mug")).isPresent();
            assertThat(shop.app().services().reader().state("product", "nowait-cup")).isPresent();
        });
    }

    @Test
    void givenAnUnreachableBroker_whenSent_thenItExitsUnavailable() throws Exception {
        Path file = Files.writeString(dir.resolve("unreachable.jsonl"), createProduct("nowhere-mug") + "\n");

        CliShop.Run run = shop.run(Map.of("EVENTLOOM_BOOTSTRAP_SERVERS", "localhost:1"), "send", "--file",
                file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("Cannot reach Kafka at localhost:1");
    }

    @Test
    void givenAnUnreachableRegistry_whenSent_thenTheLineFailsAndItExitsUnavailable() throws Exception {
        Path file = Files.writeString(dir.resolve("no-registry.jsonl"), createProduct("unregistered-mug") + "\n");

        CliShop.Run run = shop.run(Map.of("EVENTLOOM_SCHEMA_REGISTRY_URL", "http://localhost:1"), "send", "--file",
                file.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("failed").get(0).path("line").asLong()).isEqualTo(1);
        assertThat(summary.path("accepted").asLong()).isZero();
        assertThat(shop.app().services().reader().state("product", "unregistered-mug")).isEmpty();
    }

    private static CliShop.Run withStandardInput(String text, Supplier<CliShop.Run> command) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(before);
        }
    }
}
