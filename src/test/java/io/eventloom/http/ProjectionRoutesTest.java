package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.http.fake.ProjectionRow;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection routes over a fixed projection reader, served next to a running app (whose Kafka Streams knows
 * no store of that name, so every key is answered locally); routing across instances is in
 * {@link HttpRoutingTest}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProjectionRoutesTest {

    // U+FB01 sorts before U+1F600 by UTF-8 bytes, as the stores keep keys, but after it as a Java string.
    private static final String LIGATURE = "\uFB01";
    private static final String EMOJI = "\uD83D\uDE00";

    @TempDir
    static Path stateDir;

    private static EmbeddedSchemaRegistry registry;
    private static EventloomApp app;
    private static HttpApi api;
    private static HttpClientSupport http;

    @BeforeAll
    static void start(TestBroker broker) {
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        app = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(), "http-projections", stateDir,
                Map.of()));
        EventloomApp.Services services = app.services();
        FakeProjections projections = new FakeProjections(Map.of(
                "b", new ProjectionRow("bee", 3L),
                "a", new ProjectionRow("ant", 1L),
                "d", new ProjectionRow("dog", 2L),
                "c", new ProjectionRow("cat", 7L),
                LIGATURE, new ProjectionRow("ligature", 1L),
                EMOJI, new ProjectionRow("emoji", 1L)));
        api = HttpApi.start(new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(5),
                Duration.ofMillis(300)), TestAccess.security(),
                     new HttpApi.Backend(services.domain(), services.runtime().streams(),
                services.gateway(), services.reader(), projections, List.of(), List.of()));
        http = HttpClientSupport.of(api);
    }

    @AfterAll
    static void stop() {
        api.close();
        app.close();
        registry.close();
    }

    @Test
    void givenRow_whenFetchedByKey_thenItsFieldsAreReturned() {
        HttpResponse<String> response = http.get("/api/projections/labels/c");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("key").asText()).isEqualTo("c");
        assertThat(json(response).path("row").path("label").asText()).isEqualTo("cat");
        assertThat(json(response).path("row").path("version").asLong()).isEqualTo(7);
    }

    @Test
    void givenUnknownProjectionOrKey_whenFetched_thenNotFound() {
        assertThat(http.get("/api/projections/labels/zebra").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/projections/colours/red").statusCode()).isEqualTo(404);
        assertThat(json(http.get("/api/projections/colours")).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void givenMinVersion_whenRowIsAtOrBehindIt_thenRowOrUnavailableWithRetryAfter() {
        HttpResponse<String> reached = http.get("/api/projections/labels/b?minVersion=3");
        HttpResponse<String> ahead = http.get("/api/projections/labels/b?minVersion=4");

        assertThat(reached.statusCode()).isEqualTo(200);
        assertThat(ahead.statusCode()).isEqualTo(503);
        assertThat(ahead.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void givenRows_whenPaged_thenStoreKeyOrderWithNextUntilTheEnd() {
        JsonNode first = json(http.get("/api/projections/labels?limit=3"));
        JsonNode second = json(http.get("/api/projections/labels?limit=3&after=" + first.path("next").asText()));
        JsonNode third = json(http.get("/api/projections/labels?limit=3&after="
                + URLEncoder.encode(second.path("next").asText(), StandardCharsets.UTF_8)));

        assertThat(first.path("rows")).extracting(row -> row.path("key").asText()).containsExactly("a", "b", "c");
        assertThat(first.path("next").asText()).isEqualTo("c");
        assertThat(second.path("rows")).extracting(row -> row.path("key").asText())
                .containsExactly("d", LIGATURE, EMOJI);
        assertThat(third.path("rows")).isEmpty();
        assertThat(third.path("next").isNull()).isTrue();
    }

    @Test
    void givenBadLimit_whenPaged_thenBadRequest() {
        assertThat(http.get("/api/projections/labels?limit=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/projections/labels?limit=many").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/projections/labels?limit=1001").statusCode()).isEqualTo(400);
    }

    @Test
    void givenStoreNotQueryable_whenRead_thenUnavailableWithRetryAfterNeverServerError() {
        HttpResponse<String> row = http.get("/api/projections/restoring/a");
        HttpResponse<String> page = http.get("/api/projections/restoring");

        assertThat(row.statusCode()).isEqualTo(503);
        assertThat(row.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(row).path("error").asText()).isEqualTo("store_unavailable");
        assertThat(page.statusCode()).isEqualTo(503);
    }
}
