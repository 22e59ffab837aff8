package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.Money;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.Discontinue;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eventloom events} and {@code eventloom state} against the shop's HTTP API. */
@ExtendWith(KafkaBrokerExtension.class)
class AggregateCommandsTest {

    @TempDir
    static Path dir;

    private static CliShop shop;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        shop = CliShop.start(broker, "cli-read", dir);
        send(new CreateProduct("SKU-1", "Mug", new Money(1250L, "EUR"), 10, null));
        send(Discontinue.newBuilder().build());
    }

    private static void send(SpecificRecord payload) throws Exception {
        assertThat(shop.app().services().gateway().send("product", "read-mug", payload, CommandOptions.defaults(),
                Duration.ofSeconds(30)).get().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void givenAnAggregate_whenItsStateIsAsked_thenItPrintsVersionAndStateWithTheAdminKeyOfThisMachine() {
        CliShop.Run run = shop.run("state", "product", "read-mug");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("product 'read-mug' at version 2:").contains("\"sku\" : \"SKU-1\"");
    }

    @Test
    void givenAnAggregate_whenItsEventsAreAskedInPagesOfOne_thenEveryPageIsFollowedAndEachEventPrintedInOrder() {
        CliShop.Run run = shop.run("events", "product", "read-mug", "--page-size", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().skip(1)).satisfiesExactly(
                line -> assertThat(line).startsWith("1 ").contains("ProductCreated").contains("\"sku\":\"SKU-1\""),
                line -> assertThat(line).startsWith("2 ").contains("ProductDiscontinued"));
    }

    @Test
    void givenJsonOutputAndAFromVersion_whenEventsAreAsked_thenItPrintsTheApisEventsFromThatVersion()
            throws Exception {
        CliShop.Run run = shop.run("events", "product", "read-mug", "--from-version", "2", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode events = new ObjectMapper().readTree(run.out()).path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("version").asLong()).isEqualTo(2);
        assertThat(events.get(0).path("commandId").asText()).isNotBlank();
    }

    @Test
    void givenNoSuchAggregate_whenStateOrEventsAreAsked_thenEachExitsNotFound() {
        CliShop.Run state = shop.run("state", "product", "no-such-mug");
        CliShop.Run events = shop.run("events", "product", "no-such-mug");

        assertThat(state.exitCode()).isEqualTo(ExitCodes.FOUND);
        assertThat(state.err()).contains("Not found: product 'no-such-mug' has no events");
        assertThat(events.exitCode()).isEqualTo(ExitCodes.FOUND);
        assertThat(events.err()).contains("no-such-mug");
    }

    @Test
    void givenNoToken_whenStateIsAsked_thenItExitsWithTheApisRefusal() {
        CliShop.Run run = shop.run(Map.of("EVENTLOOM_HTTP_AUTH_ADMIN_TOKEN_FILE",
                dir.resolve("absent.token").toString()), "state", "product", "read-mug");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Refused by the HTTP API (401)");
    }

    @Test
    void givenAWrongTokenInTheVariable_whenEventsAreAsked_thenItExitsWithTheApisRefusal() {
        CliShop.Run run = shop.run(Map.of("EVENTLOOM_TOKEN", "elk_not-a-key"), "events", "product", "read-mug");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Refused by the HTTP API (401)");
    }

    @Test
    void givenNoApiAtTheUrl_whenStateIsAsked_thenItExitsUnavailable() {
        CliShop.Run run = shop.run("state", "product", "read-mug", "--url", "http://localhost:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("Cannot reach the HTTP API at http://localhost:1");
    }
}
