package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.testing.HostileCase;
import io.eventloom.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.eventloom.http.HttpClientSupport.json;
import static io.eventloom.testing.NoInternals.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus ({@link HostileApiRequests}) against a running app over real HTTP: every request gets its
 * clear 4xx (or 2xx), never a 5xx, with a JSON body of the API's shape and no Java internals in it; and the app
 * still serves afterwards.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpHostileInputTest {

    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    @TempDir
    static Path stateDir;

    private static EmbeddedSchemaRegistry registry;
    private static EventloomApp app;

    @BeforeAll
    static void start(TestBroker broker) {
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        app = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(), "http-hostile", stateDir, Map.of()));
    }

    @AfterAll
    static void stop() {
        app.close();
        registry.close();
    }

    static Stream<HostileCase> corpus() {
        return HostileApiRequests.all();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givenHostileRequest_whenSent_thenItsClearStatusAndAJsonBodyWithoutInternals(HostileCase hostile)
            throws IOException {
        // With a valid token, so each request reaches what it is hostile to (refusals of tokens: HttpAccessTest).
        RawHttp.Answer answer = RawHttp.send(app.httpPort(), hostile.request()
                .header("Authorization", "Bearer " + app.adminToken().orElseThrow()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.expectedStatus());
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith(Json.CONTENT_TYPE);
        JsonNode body = Json.MAPPER.readTree(answer.body());
        if (answer.status() == 409 || answer.status() == 422) {
            // A rejection by the aggregate: the command result's shape.
            assertThat(body.path("code").isTextual()).as(answer.body()).isTrue();
            assertThat(body.path("commandId").isTextual()).as(answer.body()).isTrue();
        } else if (answer.status() >= 400) {
            assertThat(body.path("error").isTextual()).as(answer.body()).isTrue();
        }
        if (answer.status() >= 400) {
            assertThat(body.path("message").isTextual()).as(answer.body()).isTrue();
        }
        assertNoInternals(answer.body());
    }

    @Order(2)
    @Test
    void givenTheWholeCorpusSent_whenAValidCommandAndReadFollow_thenTheAppStillServesThem() {
        HttpClientSupport http = HttpClientSupport.of(app);
        String id = "after-corpus-" + UUID.randomUUID();

        HttpResponse<String> created = http.post("/api/product/" + id + "/CreateProduct", MUG);
        HttpResponse<String> read = http.get("/api/product/" + id + "?minVersion=1");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(read).path("state").path("sku").asText()).isEqualTo("MUG-1");
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    }
}
