package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.core.AggregateTopics;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.Health;
import io.eventloom.core.HealthCheck;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.shop.product.ProductEventEnvelope;
import io.eventloom.testing.RawHttp;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.eventloom.http.HttpClientSupport.json;
import static io.eventloom.testing.NoInternals.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every command, aggregate, health, metrics and OpenAPI route and status, over real HTTP against a running app. */
@ExtendWith(KafkaBrokerExtension.class)
class HttpApiTest {

    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    @TempDir
    static Path stateDir;

    private static EmbeddedSchemaRegistry registry;
    private static EventloomApp app;
    private static HttpClientSupport http;

    @BeforeAll
    static void start(TestBroker broker) {
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        app = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(), "http-api", stateDir,
                Map.of(EventloomConfig.HTTP_READ_WAIT, "PT1S")));
        http = HttpClientSupport.of(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        registry.close();
    }

    @Test
    void givenNewProduct_whenCreated_thenAcceptedWithVersionAndEventsAndStateAndHistoryFollow() {
        String id = newId();

        HttpResponse<String> created = http.post("/api/product/" + id + "/CreateProduct", MUG);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode body = json(created);
        assertThat(body.path("aggregateId").asText()).isEqualTo(id);
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("events")).hasSize(1);
        assertThat(body.path("events").get(0).path("type").asText()).isEqualTo("ProductCreated");
        assertThat(body.path("events").get(0).path("payload").path("price").path("amountMinor").asLong())
                .isEqualTo(1250);

        JsonNode state = json(http.get("/api/product/" + id));
        assertThat(state.path("version").asLong()).isEqualTo(1);
        assertThat(state.path("state").path("sku").asText()).isEqualTo("MUG-1");
        assertThat(state.path("state").path("availableStock").asLong()).isEqualTo(10);

        JsonNode events = json(http.get("/api/product/" + id + "/events")).path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("commandId").asText()).isEqualTo(body.path("commandId").asText());
        assertThat(events.get(0).path("occurredAt").asText()).isNotEmpty();
        // The schema the event was written with, as the registry names it under the events subject.
        assertThat(events.get(0).path("schemaId").asInt()).isEqualTo(new HttpSchemaRegistryClient(registry.url())
                .idOf("http-api.product.events-value", ProductEventEnvelope.getClassSchema()));
        assertThat(events.get(0).path("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void givenSeveralEvents_whenEventsReadFromAVersion_thenOnlyThoseFromItOnAndTheCommandShowsItsOwn() {
        String id = newId();
        http.post("/api/product/" + id + "/CreateProduct", MUG);
        http.post("/api/product/" + id + "/Restock", "{\"quantity\":1}");

        JsonNode restocked = json(http.post("/api/product/" + id + "/Restock", "{\"quantity\":2}"));
        JsonNode fromTwo = json(http.get("/api/product/" + id + "/events?fromVersion=2")).path("events");
        HttpResponse<String> bad = http.get("/api/product/" + id + "/events?fromVersion=two");

        assertThat(restocked.path("events")).extracting(e -> e.path("version").asLong()).containsExactly(3L);
        assertThat(restocked.path("events").get(0).path("payload").path("quantity").asInt()).isEqualTo(2);
        assertThat(fromTwo).extracting(e -> e.path("version").asLong()).containsExactly(2L, 3L);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("fromVersion must be a whole number");
    }

    @Test
    void givenThreeEvents_whenHistoryReadInPages_thenEachPageHoldsAtMostTheLimitAndNextLeadsToTheRest() {
        String id = create();
        http.post("/api/product/" + id + "/Restock", "{\"quantity\":1}");
        http.post("/api/product/" + id + "/Restock", "{\"quantity\":2}");
        String events = "/api/product/" + id + "/events";

        JsonNode first = json(http.get(events + "?limit=2"));
        JsonNode rest = json(http.get(events + "?fromVersion=" + first.path("next").asLong() + "&limit=2"));
        JsonNode exact = json(http.get(events + "?limit=3"));
        JsonNode all = json(http.get(events));

        assertThat(first.path("events")).extracting(e -> e.path("version").asLong()).containsExactly(1L, 2L);
        assertThat(first.path("next").asLong()).isEqualTo(3);
        assertThat(rest.path("events")).extracting(e -> e.path("version").asLong()).containsExactly(3L);
        assertThat(rest.path("next").isNull()).isTrue();
        // A page that ends at the last event says so: no empty page to fetch after it.
        assertThat(exact.path("events")).hasSize(3);
        assertThat(exact.path("next").isNull()).isTrue();
        assertThat(all.path("events")).hasSize(3);
        assertThat(all.path("next").isNull()).isTrue();
        assertThat(json(http.get("/api/product/" + newId() + "/events")).path("events")).isEmpty();
    }

    @Test
    void givenBadLimit_whenHistoryRead_thenInvalidParameter() {
        String events = "/api/product/" + newId() + "/events?limit=";

        assertThat(List.of(http.get(events + "0"), http.get(events + "1001"), http.get(events + "many"),
                http.get(events + "-1"))).allSatisfy(response -> {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                    assertThat(json(response).path("error").asText()).isEqualTo("invalid_parameter");
                });
        assertThat(http.get(events + "1000").statusCode()).isEqualTo(200);
    }

    @Test
    void givenIdempotencyKey_whenRequestRetried_thenTheFirstResultIsReturnedAndNothingIsAppendedTwice() {
        String id = newId();
        String key = "key-" + id;

        JsonNode first = json(http.post("/api/product/" + id + "/CreateProduct", MUG, "Idempotency-Key", key));
        HttpResponse<String> retried = http.post("/api/product/" + id + "/CreateProduct", MUG,
                "Idempotency-Key", key);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).path("commandId").asText()).isEqualTo(key).isEqualTo(first.path("commandId").asText());
        assertThat(json(retried).path("version").asLong()).isEqualTo(1);
        assertThat(json(http.get("/api/product/" + id + "/events")).path("events")).hasSize(1);
        // The first answer's events came in its result; the repeated result carries none, so they are read back from
        // the history: the same event either way.
        assertThat(first.path("events")).hasSize(1);
        assertThat(json(retried).path("events")).isEqualTo(first.path("events"));
    }

    @Test
    void givenIfMatch_whenVersionIsStaleOrCurrent_thenConflictOrAccepted() {
        String id = create();

        HttpResponse<String> stale = http.post("/api/product/" + id + "/Restock", "{\"quantity\":5}",
                "If-Match", "7");
        HttpResponse<String> current = http.post("/api/product/" + id + "/Restock", "{\"quantity\":5}",
                "If-Match", "\"1\"");

        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(json(stale).path("code").asText()).isEqualTo("CONCURRENCY_CONFLICT");
        assertThat(json(stale).path("version").asLong()).isEqualTo(1);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        assertThat(json(current).path("version").asLong()).isEqualTo(2);
        assertThat(json(current).path("events").get(0).path("payload").path("quantity").asInt()).isEqualTo(5);
    }

    @Test
    void givenExistingProduct_whenCreatedAgain_thenBusinessRejectionWithCodeAndMessage() {
        String id = create();

        HttpResponse<String> again = http.post("/api/product/" + id + "/CreateProduct", MUG);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(json(again).path("code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(json(again).path("message").asText()).isNotEmpty();
    }

    @Test
    void givenBadInput_whenPosted_thenBadRequestNamingTheProblem() {
        String path = "/api/product/" + newId() + "/CreateProduct";

        HttpResponse<String> malformed = http.post(path, "{\"sku\":");
        HttpResponse<String> wrongType = http.post(path, MUG.replace("1250", "\"cheap\""));
        HttpResponse<String> missing = http.post(path, "");
        HttpResponse<String> unknown = http.post("/api/product/" + newId() + "/Explode", "{}");
        HttpResponse<String> badIfMatch = http.post(path, MUG, "If-Match", "latest");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asText()).isEqualTo("malformed_json");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("message").asText()).contains("CreateProduct.price.amountMinor");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).isEqualTo("missing_body");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("commands")).extracting(JsonNode::asText)
                .contains("CreateProduct", "Restock", "Discontinue");
        assertThat(badIfMatch.statusCode()).isEqualTo(400);
    }

    @Test
    void givenBodyOverOneMebibyte_whenPosted_thenPayloadTooLarge() throws Exception {
        String huge = "{\"sku\":\"" + "x".repeat(1_150_000) + "\"}";

        // Over a plain socket, reading while writing: a server refusing the size may answer before the body is in.
        RawHttp.Answer response = RawHttp.send(app.httpPort(), RawHttp.Request.of("1.1 MB body", "POST",
                "/api/product/" + newId() + "/CreateProduct").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app.adminToken().orElseThrow()).body(huge));

        assertThat(response.status()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void givenNameJustUnderOneMebibyte_whenProductCreated_thenPayloadTooLargeAndEveryTypeStillAnswers()
            throws Exception {
        // Under Kafka's 1 MiB but over the record limit derived from it, as found from outside.
        String name = "n".repeat(1_048_360);
        String body = "{\"sku\":\"BIG-1\",\"name\":\"" + name + "\",\"price\":{\"amountMinor\":1250,"
                + "\"currency\":\"EUR\"},\"initialStock\":1}";

        RawHttp.Answer tooLarge = RawHttp.send(app.httpPort(), RawHttp.Request.of("name of 1,048,360 characters",
                "POST", "/api/product/" + newId() + "/CreateProduct").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app.adminToken().orElseThrow()).body(body));

        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(tooLarge.body()).path("message").asText()).contains("1048064");
        String product = create();
        String customer = newId();
        assertThat(http.post("/api/product/" + product + "/Restock", "{\"quantity\":1}").statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/customer/" + customer + "/RegisterCustomer",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order/" + newId() + "/PlaceOrder", "{\"customerId\":\"" + customer
                + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1,\"unitPrice\":"
                + "{\"amountMinor\":1250,\"currency\":\"EUR\"}}]}").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void givenContentAfterACompleteObject_whenPosted_thenMalformedJsonAndTheCommandIsNotApplied() {
        String id = newId();

        HttpResponse<String> brace = http.post("/api/product/" + id + "/CreateProduct", MUG + "}");
        HttpResponse<String> word = http.post("/api/product/" + id + "/CreateProduct", MUG + " trailing");

        assertThat(List.of(brace, word)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("malformed_json");
            assertThat(json(response).path("message").asText()).startsWith("the body is not valid JSON");
        });
        assertThat(http.get("/api/product/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void givenDeepNesting_whenPosted_thenMalformedJsonNamingTheLimit() {
        HttpResponse<String> nested = http.post("/api/product/" + newId() + "/CreateProduct", "[".repeat(100_000));

        assertThat(nested.statusCode()).as(nested.body()).isEqualTo(400);
        assertThat(json(nested).path("message").asText()).contains("deeper than " + Json.MAX_NESTING_DEPTH);
    }

    @Test
    void givenNonAsciiIdempotencyKey_whenPosted_thenInvalidHeaderAndNothingApplied() throws Exception {
        String id = newId();

        RawHttp.Answer answer = RawHttp.send(app.httpPort(), RawHttp.Request.of("non-ASCII key", "POST",
                "/api/product/" + id + "/CreateProduct").header("Idempotency-Key", "clé-" + id)
                .header("Authorization", "Bearer " + app.adminToken().orElseThrow()).body(MUG));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_header");
        assertThat(http.get("/api/product/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void givenIdsWithControlCharactersOrTooLong_whenSentOrRead_thenInvalidIdWhileTheLongestValidIdWorks() {
        String longest = "p".repeat(PathIds.MAX_LENGTH - 36) + UUID.randomUUID();

        List<HttpResponse<String>> refused = List.of(
                http.post("/api/product/bad%01id/CreateProduct", MUG),
                http.get("/api/product/bad%7Fid"),
                http.get("/api/product/bad%0Aid/events"),
                http.get("/api/projections/product-catalog/bad%09id"),
                http.get("/api/product/" + longest + "p"));
        HttpResponse<String> accepted = http.post("/api/product/" + longest + "/CreateProduct", MUG);

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_id");
        });
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void givenUrlOrHeadersOverJettysLimit_whenRequested_thenJsonErrorsNotHtml() throws Exception {
        RawHttp.Answer url = RawHttp.send(app.httpPort(), RawHttp.Request.of("20 kB URL", "GET",
                "/api/product/" + "u".repeat(20_000)));
        RawHttp.Answer headers = RawHttp.send(app.httpPort(), RawHttp.Request.of("20 kB header", "GET",
                "/health/live").header("X-Big", "h".repeat(20_000)));

        assertThat(url.status()).isEqualTo(414);
        assertThat(url.header("Content-Type")).startsWith(Json.CONTENT_TYPE);
        assertThat(Json.MAPPER.readTree(url.body()).path("error").asText()).isEqualTo("uri_too_long");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(Json.MAPPER.readTree(headers.body()).path("error").asText()).isEqualTo("headers_too_large");
    }

    @Test
    void givenCommandTooLargeForTheLog_whenPosted_thenPayloadTooLargeNamingTheRecordLimit() {
        EventloomApp.Services services = app.services();
        HttpSettings roomy = new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(10),
                Duration.ofSeconds(1)).withMaxBodyBytes(4 * HttpSettings.DEFAULT_MAX_BODY_BYTES);
        try (HttpApi api = HttpApi.start(roomy, TestAccess.security(), new HttpApi.Backend(services.domain(), services.runtime().streams(),
                services.gateway(), services.reader(), services.projections(), List.of(), List.of()))) {
            String huge = "{\"sku\":\"" + "x".repeat(2_000_000) + "\",\"name\":\"Mug\",\"price\":"
                    + "{\"amountMinor\":1250,\"currency\":\"EUR\"},\"initialStock\":1}";

            HttpResponse<String> response = HttpClientSupport.of(api)
                    .post("/api/product/" + newId() + "/CreateProduct", huge);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(json(response).path("error").asText()).isEqualTo("payload_too_large");
            assertThat(json(response).path("message").asText()).contains("at most 1048576 bytes");
            assertNoInternals(response.body());
        }
    }

    @Test
    void givenSchemaRegistryUnreachable_whenPosted_thenServiceUnavailableWithRetryAfter(TestBroker broker) {
        EventloomApp.Services services = app.services();
        AvroSerdes unreachable = TestSerdes.on("http://localhost:" + FreePort.find());
        try (CommandGateway gateway = new CommandGateway(KafkaClientSettings.of(broker.bootstrapServers()),
                AggregateTopics.of(services.domain().aggregates(), services.topics(), unreachable, unreachable),
                Clock.systemUTC());
             HttpApi api = HttpApi.start(new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(10),
                     Duration.ofSeconds(1)), TestAccess.security(),
                     new HttpApi.Backend(services.domain(), services.runtime().streams(),
                     gateway, services.reader(), services.projections(), List.of(), List.of()))) {

            HttpResponse<String> response = HttpClientSupport.of(api)
                    .post("/api/product/" + newId() + "/CreateProduct", MUG);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(response).path("error").asText()).isEqualTo("registry_unavailable");
            assertNoInternals(response.body());
        }
    }

    @Test
    void givenUnknownTypeRouteOrAggregate_whenRequested_thenNotFoundAsJson() {
        HttpResponse<String> type = http.post("/api/spaceship/s-1/Launch", "{}");
        HttpResponse<String> typeState = http.get("/api/spaceship/s-1");
        HttpResponse<String> route = http.get("/nothing/here");
        HttpResponse<String> aggregate = http.get("/api/product/" + newId());

        assertThat(List.of(type, typeState, route, aggregate)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        });
    }

    @Test
    void givenMinVersionNotReached_whenStateRead_thenUnavailableWithRetryAfter() {
        String id = create();

        HttpResponse<String> ahead = http.get("/api/product/" + id + "?minVersion=5");
        HttpResponse<String> reached = http.get("/api/product/" + id + "?minVersion=1");
        HttpResponse<String> malformed = http.get("/api/product/" + id + "?minVersion=soon");

        assertThat(ahead.statusCode()).isEqualTo(503);
        assertThat(ahead.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(reached.statusCode()).isEqualTo(200);
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void givenConcurrentBurstOfCommands_whenEachIsReadWithItsVersion_thenEveryReadReflectsIt() throws Exception {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> create()).toList();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> writesAndReads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = ids.get(i % ids.size());
                writesAndReads.add(clients.submit(() -> {
                    HttpResponse<String> accepted = http.post("/api/product/" + id + "/Restock", "{\"quantity\":1}");
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
                    long version = json(accepted).path("version").asLong();
                    HttpResponse<String> read = http.get("/api/product/" + id + "?minVersion=" + version);
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                    return new long[] {version, json(read).path("version").asLong()};
                }));
            }
            for (Future<long[]> writeAndRead : writesAndReads) {
                long[] versions = writeAndRead.get(60, TimeUnit.SECONDS);
                assertThat(versions[1]).isGreaterThanOrEqualTo(versions[0]);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(ids).allSatisfy(id -> assertThat(json(http.get("/api/product/" + id)).path("state")
                .path("availableStock").asLong()).isEqualTo(20));
    }

    @Test
    void givenFiftyTimesAsManyCommandsInFlightAsServerThreads_whileProcessingIsPaused_thenHealthAnswersAndAllAreAnswered()
            throws Exception {
        String id = create();
        EventloomApp.Services services = app.services();
        KafkaStreams streams = services.runtime().streams();
        String commandTopic = services.topics().commands("product");
        int inFlight = 400;
        // The fewest threads Jetty runs with: 50 commands in flight for each.
        HttpSettings patient = new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(90),
                Duration.ofSeconds(1)).withThreads(HttpSettings.MIN_THREADS);
        try (HttpApi api = HttpApi.start(patient, TestAccess.security(), new HttpApi.Backend(services.domain(), streams,
                services.gateway(), services.reader(), services.projections(), List.of(), List.of()));
             Admin admin = KafkaTestClients.admin(app.bootstrapServers())) {
            HttpClientSupport client = HttpClientSupport.of(api);
            long logged = endOffset(admin, commandTopic);
            List<CompletableFuture<HttpResponse<String>>> answers;
            streams.pause();
            try {
                answers = IntStream.range(0, inFlight)
                        .mapToObj(i -> client.postAsync("/api/product/" + id + "/Restock", "{\"quantity\":1}"))
                        .toList();
                // Every request has reached the server once its command is in the log; none can be answered yet.
                await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(admin, commandTopic) - logged >= inFlight);

                HttpResponse<String> live = client.get("/health/live", Duration.ofSeconds(5));

                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(answers).noneMatch(CompletableFuture::isDone);
            } finally {
                streams.resume();
            }
            List<Long> versions = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(json(response).path("events")).hasSize(1);
                versions.add(json(response).path("version").asLong());
            }
            assertThat(versions).doesNotHaveDuplicates().hasSize(inFlight)
                    .allSatisfy(version -> assertThat(version).isBetween(2L, 1L + inFlight));
        }
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    @Test
    void givenTextOrFormPostAsAnyWebPageMaySendIt_whenPosted_thenUnsupportedMediaTypeAndNothingApplied() {
        String id = newId();

        HttpResponse<String> text = http.post("/api/product/" + id + "/CreateProduct", MUG, "Content-Type",
                "text/plain");
        HttpResponse<String> form = http.post("/api/product/" + id + "/CreateProduct", MUG, "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(List.of(text, form)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(json(response).path("error").asText()).isEqualTo("unsupported_media_type");
        });
        assertThat(http.get("/api/product/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void givenACommandPath_whenGot_thenNotFoundAndNothingApplied() {
        String id = create();

        HttpResponse<String> got = http.get("/api/product/" + id + "/Restock?quantity=5");

        assertThat(got.statusCode()).isEqualTo(404);
        assertThat(json(http.get("/api/product/" + id)).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void givenNoAllowedOrigins_whenAWebPagePreflightsACommand_thenNoOriginIsAllowed() throws Exception {
        HttpResponse<String> preflight = preflight(app.httpPort(), "https://shop.example");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void givenAnAllowedOrigin_whenPagesPreflightAndPost_thenOnlyThatOriginIsAllowed() throws Exception {
        EventloomApp.Services services = app.services();
        HttpSettings settings = new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(10),
                Duration.ofSeconds(1)).withCorsOrigins(List.of("https://shop.example"));
        try (HttpApi api = HttpApi.start(settings, TestAccess.security(), new HttpApi.Backend(services.domain(), services.runtime().streams(),
                services.gateway(), services.reader(), services.projections(), List.of(), List.of()))) {
            HttpResponse<String> allowed = preflight(api.port(), "https://shop.example");
            HttpResponse<String> other = preflight(api.port(), "https://evil.example");
            HttpResponse<String> posted = HttpClientSupport.of(api).post("/api/product/" + newId()
                    + "/CreateProduct", MUG, "Content-Type", "application/json", "Origin", "https://shop.example");

            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        }
    }

    // What a browser sends before a cross-origin POST with a JSON body.
    private static HttpResponse<String> preflight(int port, String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/product/p-1/Restock"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenNoResultInTime_whenPosted_thenGatewayTimeout() {
        HttpSettings instant = new HttpSettings(FreePort.find(), "localhost", Duration.ZERO, Duration.ofSeconds(1));
        EventloomApp.Services services = app.services();
        try (HttpApi impatient = HttpApi.start(instant, TestAccess.security(), new HttpApi.Backend(services.domain(),
                services.runtime().streams(), services.gateway(), services.reader(), services.projections(), List.of(),
                List.of()))) {
            HttpResponse<String> response = HttpClientSupport.of(impatient)
                    .post("/api/product/" + newId() + "/CreateProduct", MUG);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(json(response).path("error").asText()).isEqualTo("command_timeout");
        }
    }

    @Test
    void givenRunningApp_whenHealthAndMetricsRequested_thenLiveReadyAndPrometheusText() {
        create();

        HttpResponse<String> live = http.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).path("checks").path("streams").path("state").asText()).isEqualTo("RUNNING");
        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("checks").path("streams").path("state").asText()).isEqualTo("RUNNING");
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("kafka_stream_", "jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "uri=\"/api/{type}/{id}/{command}\"");
    }

    @Test
    void givenALivenessCheckDown_whenLiveRequested_thenServiceUnavailableNamingTheCheck() {
        // Kafka Streams in ERROR cannot be brought about from outside; its check's states are StreamsHealthTest's.
        HealthCheck failed = new HealthCheck() {
            @Override
            public String name() {
                return "streams";
            }

            @Override
            public Health check() {
                return Health.down(Map.of("state", "ERROR"));
            }
        };
        EventloomApp.Services services = app.services();
        try (HttpApi api = HttpApi.start(new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(1),
                Duration.ofSeconds(1)), TestAccess.security(),
                     new HttpApi.Backend(services.domain(), services.runtime().streams(),
                services.gateway(), services.reader(), services.projections(), List.of(), List.of(failed)))) {
            HttpResponse<String> live = HttpClientSupport.of(api).get("/health/live");

            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(json(live).path("status").asText()).isEqualTo("DOWN");
            assertThat(json(live).path("checks").path("streams").path("status").asText()).isEqualTo("DOWN");
            assertThat(json(live).path("checks").path("streams").path("state").asText()).isEqualTo("ERROR");
        }
    }

    @Test
    void givenServedOpenApi_whenParsed_thenItDescribesEveryRegisteredRouteAndWhatItAsksOfItsCaller()
            throws Exception {
        HttpResponse<String> response = http.get("/openapi.yaml");

        JsonNode openApi = new ObjectMapper(new YAMLFactory()).readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        EventloomApp.Services services = app.services();
        try (HttpApi api = HttpApi.start(new HttpSettings(FreePort.find(), "localhost", Duration.ofSeconds(1),
                Duration.ofSeconds(1)), TestAccess.security(),
                     new HttpApi.Backend(services.domain(), services.runtime().streams(),
                services.gateway(), services.reader(), services.projections(), List.of(), List.of()))) {
            assertThat(api.routes()).isNotEmpty().allSatisfy(route -> {
                JsonNode operation = openApi.path("paths").path(route.path()).path(route.method());
                String name = route.method() + " " + route.path();
                assertThat(operation.isObject()).as(name).isTrue();
                if (route.permission().isOpen()) {
                    assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                            .as(name + " is open: security []").isTrue();
                } else {
                    assertThat(operation.has("security")).as(name + " takes the global bearer security").isFalse();
                    assertThat(operation.path("responses").has("401") && operation.path("responses").has("403"))
                            .as(name + " lists 401 and 403").isTrue();
                }
            });
            assertThat(openApi.path("security").path(0).has("bearerAuth")).isTrue();
        }
    }

    private static String create() {
        String id = newId();
        HttpResponse<String> created = http.post("/api/product/" + id + "/CreateProduct", MUG);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return id;
    }

    private static String newId() {
        return "p-" + UUID.randomUUID();
    }
}
