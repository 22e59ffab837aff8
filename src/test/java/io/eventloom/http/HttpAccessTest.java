package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.eventloom.auth.ApiKeys;
import io.eventloom.auth.JwksServer;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.eventloom.http.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what over real HTTP, on an app whose API keys come from a file and whose JWTs come from an identity
 * provider (a real JWKS endpoint): every refusal (401, 403) with its JSON shape, every permitted path, 503 while the
 * provider is down, personal data masked without {@code read:pii}, and the forwarding header refused without an
 * instance's proof.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpAccessTest {

    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";
    private static final String ADA = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";
    private static final String ADDRESS = """
            {"address":{"street":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"}}""";

    private static final String ADMIN = ApiKeys.newKey();
    private static final String READER = ApiKeys.newKey();
    private static final String PII_READER = ApiKeys.newKey();
    private static final String PRODUCT_READER = ApiKeys.newKey();
    private static final String PRODUCT_WRITER = ApiKeys.newKey();
    private static final String METRICS = ApiKeys.newKey();
    private static final String SIGNUP = ApiKeys.newKey();

    @TempDir
    static Path dir;

    private static final String ISSUER = "https://login.example.com/";
    private static final RSAKey SIGNING_KEY = rsaKey();

    private static Path keyFile;
    private static JwksServer identityProvider;
    private static EmbeddedSchemaRegistry registry;
    private static EventloomApp app;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        keyFile = dir.resolve("api-keys.properties");
        writeKeysWith();
        // Down until the first test has seen what an outage of the identity provider looks like.
        identityProvider = JwksServer.serving(SIGNING_KEY);
        identityProvider.failWith(503);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find());
        app = HttpTestApps.startReady(HttpTestApps.config(broker, registry.url(), "http-access", dir.resolve("state"),
                Map.of(EventloomConfig.HTTP_AUTH_API_KEYS_FILE, keyFile.toString(),
                        EventloomConfig.HTTP_AUTH_JWT_JWKS_URL, identityProvider.uri().toString(),
                        EventloomConfig.HTTP_AUTH_JWT_ISSUER, ISSUER,
                        EventloomConfig.HTTP_AUTH_JWT_AUDIENCE, "eventloom")));
    }

    @AfterAll
    static void stop() {
        app.close();
        registry.close();
        identityProvider.close();
    }

    @Order(1)
    @Test
    void givenTheIdentityProviderDown_whenAJwtIsPresented_then503AndApiKeysStillWorkAndOnceBackTheJwtIsAccepted() {
        HttpClientSupport viaJwt = HttpClientSupport.withToken(app.httpPort(), jwt("alice", "read", ISSUER,
                Instant.now().plusSeconds(600)));

        HttpResponse<String> down = viaJwt.get("/api/product/x");
        HttpResponse<String> byKey = HttpClientSupport.withToken(app.httpPort(), READER).get("/api/product/x");
        identityProvider.failWith(200);

        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(json(down).path("error").asText()).isEqualTo("auth_unavailable");
        assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(byKey.statusCode()).as("API keys need no identity provider").isEqualTo(404);
        await().atMost(Duration.ofSeconds(45)).until(() -> viaJwt.get("/api/product/x").statusCode() == 404);
    }

    @Test
    void givenJwts_whenPresented_thenTheirScopesApplyAndExpiredOrForeignOnesAre401() {
        HttpClientSupport alice = HttpClientSupport.withToken(app.httpPort(), jwt("alice", "read openid", ISSUER,
                Instant.now().plusSeconds(600)));
        String id = newId();

        HttpResponse<String> write = alice.post("/api/product/" + id + "/CreateProduct", MUG);
        HttpResponse<String> read = alice.get("/api/product/" + id);
        HttpResponse<String> expired = HttpClientSupport.withToken(app.httpPort(), jwt("alice", "admin", ISSUER,
                Instant.now().minusSeconds(300))).get("/api/product/" + id);
        HttpResponse<String> foreign = HttpClientSupport.withToken(app.httpPort(), jwt("mallory", "admin",
                "https://evil.example.com/", Instant.now().plusSeconds(600))).get("/api/product/" + id);

        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(json(write).path("message").asText()).contains("alice").contains("write:product");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(404);
        assertThat(List.of(expired, foreign)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_token");
        });
    }

    @Test
    void givenKeysConfigured_whenStarted_thenNoAdminKeyIsMade() {
        assertThat(app.adminToken()).isEmpty();
        assertThat(dir.resolve("state").resolve("admin.token")).doesNotExist();
    }

    @Test
    void givenNoToken_whenADataRouteIsCalled_then401WithAChallengeWhileProbesAndTheDescriptionStayOpen() {
        HttpClientSupport anonymous = HttpClientSupport.anonymous(app.httpPort());
        String id = newId();

        List<HttpResponse<String>> refused = List.of(anonymous.get("/api/product/" + id),
                anonymous.get("/api/product/" + id + "/events"), anonymous.post("/api/product/" + id
                        + "/CreateProduct", MUG), anonymous.get("/api/projections/product-catalog"),
                anonymous.get("/api/projections/product-catalog/" + id), anonymous.get("/metrics"));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("missing_token");
            assertThat(json(response).path("message").asText()).contains("Authorization: Bearer");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"eventloom\"");
        });
        assertThat(anonymous.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.yaml").statusCode()).isEqualTo(200);
        assertThat(admin().get("/api/product/" + id).statusCode()).as("nothing was appended").isEqualTo(404);
    }

    @Test
    void givenTokensThatAreNotValid_whenUsed_then401InvalidToken() {
        HttpClientSupport anonymous = HttpClientSupport.anonymous(app.httpPort());
        char last = READER.charAt(READER.length() - 1);
        String altered = READER.substring(0, READER.length() - 1) + (last == 'A' ? 'B' : 'A');

        List<HttpResponse<String>> answers = List.of(
                anonymous.get("/api/product/x", "Authorization", "Bearer " + altered),
                anonymous.get("/api/product/x", "Authorization", "Bearer " + ApiKeys.hash(READER)),
                anonymous.get("/api/product/x", "Authorization", "Bearer " + ApiKeys.newKey()),
                anonymous.get("/api/product/x", "Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."),
                anonymous.get("/api/product/x", "Authorization", "Basic b3BzOnNlY3JldA=="),
                anonymous.get("/api/product/x", "Authorization", READER));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_token");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain(READER);
        });
        assertThat(HttpClientSupport.withToken(app.httpPort(), READER).get("/api/product/x").statusCode())
                .as("the same key unaltered").isEqualTo(404);
    }

    @Test
    void givenAReadOnlyKey_whenItSendsACommand_then403NamingTheScopeAndNothingAppended() {
        HttpClientSupport reader = HttpClientSupport.withToken(app.httpPort(), READER);
        String id = newId();

        HttpResponse<String> refused = reader.post("/api/product/" + id + "/CreateProduct", MUG);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("forbidden");
        assertThat(json(refused).path("message").asText()).contains("write:product").contains("dashboard");
        assertThat(admin().get("/api/product/" + id + "/events").body()).isEqualTo("{\"events\":[],\"next\":null}");
    }

    @Test
    void givenScopesForOneType_whenUsedOnIt_thenAllowedAndOnAnotherTypeOrProjection403() {
        HttpClientSupport writer = HttpClientSupport.withToken(app.httpPort(), PRODUCT_WRITER);
        HttpClientSupport productReader = HttpClientSupport.withToken(app.httpPort(), PRODUCT_READER);
        String id = newId();

        HttpResponse<String> created = writer.post("/api/product/" + id + "/CreateProduct", MUG);
        HttpResponse<String> otherType = writer.post("/api/customer/" + id + "/RegisterCustomer", ADA);
        HttpResponse<String> writerReads = writer.get("/api/product/" + id);
        HttpResponse<String> read = productReader.get("/api/product/" + id + "?minVersion=1");
        HttpResponse<String> events = productReader.get("/api/product/" + id + "/events");
        HttpResponse<String> otherRead = productReader.get("/api/customer/" + id);
        HttpResponse<String> projection = productReader.get("/api/projections/product-catalog/" + id);
        HttpResponse<String> readerWrites = productReader.post("/api/product/" + id + "/Restock", "{\"quantity\":1}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).path("state").path("sku").asText()).isEqualTo("MUG-1");
        assertThat(json(events).path("events")).hasSize(1);
        assertThat(List.of(otherType, writerReads, otherRead, projection, readerWrites)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(403);
            assertThat(json(response).path("error").asText()).isEqualTo("forbidden");
        });
        assertThat(json(projection).path("message").asText()).contains("read:product-catalog");
        assertThat(admin().get("/api/customer/" + id).statusCode()).isEqualTo(404);
        assertThat(json(admin().get("/api/product/" + id)).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void givenMetrics_whenScrapedWithoutTheMetricsScope_then403AndWithIt200() {
        HttpResponse<String> byReader = HttpClientSupport.withToken(app.httpPort(), READER).get("/metrics");
        HttpResponse<String> byPrometheus = HttpClientSupport.withToken(app.httpPort(), METRICS).get("/metrics");

        assertThat(byReader.statusCode()).isEqualTo(403);
        assertThat(byPrometheus.statusCode()).isEqualTo(200);
        assertThat(byPrometheus.body()).contains("http_server_requests");
        assertThat(HttpClientSupport.withToken(app.httpPort(), METRICS).get("/api/product/x").statusCode())
                .isEqualTo(403);
    }

    @Test
    void givenACustomer_whenReadWithoutReadPii_thenEmailAndAddressAreMaskedEverywhereAndWithItShown() {
        String id = newId();
        HttpResponse<String> registered = admin().post("/api/customer/" + id + "/RegisterCustomer", ADA);
        HttpResponse<String> moved = admin().post("/api/customer/" + id + "/ChangeShippingAddress", ADDRESS);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        HttpClientSupport reader = HttpClientSupport.withToken(app.httpPort(), READER);
        HttpClientSupport support = HttpClientSupport.withToken(app.httpPort(), PII_READER);

        JsonNode maskedState = json(reader.get("/api/customer/" + id + "?minVersion=2")).path("state");
        JsonNode maskedEvents = json(reader.get("/api/customer/" + id + "/events")).path("events");
        JsonNode shownState = json(support.get("/api/customer/" + id + "?minVersion=2")).path("state");
        JsonNode shownEvents = json(support.get("/api/customer/" + id + "/events")).path("events");

        assertThat(maskedState.path("name").asText()).as("a name is not marked").isEqualTo("Ada");
        assertThat(maskedState.path("email").asText()).isEqualTo(AvroJson.MASK);
        assertThat(maskedState.path("shippingAddress").path("street").asText()).isEqualTo(AvroJson.MASK);
        assertThat(maskedState.path("shippingAddress").path("country").asText()).isEqualTo(AvroJson.MASK);
        assertThat(maskedEvents.path(0).path("payload").path("email").asText()).isEqualTo(AvroJson.MASK);
        assertThat(maskedEvents.path(1).path("payload").path("address").path("city").asText())
                .isEqualTo(AvroJson.MASK);
        assertThat(maskedState.toString() + maskedEvents).doesNotContain("ada@example.com", "Springfield");
        assertThat(shownState.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(shownState.path("shippingAddress").path("city").asText()).isEqualTo("Springfield");
        assertThat(shownEvents.path(1).path("payload").path("address").path("street").asText())
                .isEqualTo("1 Main St");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode maskedRow = json(reader.get("/api/projections/customer-rows/" + id)).path("row");
            JsonNode maskedPage = json(reader.get("/api/projections/customer-rows?limit=1000")).path("rows");
            assertThat(maskedRow.path("email").asText()).isEqualTo(AvroJson.MASK);
            assertThat(maskedPage.toString()).contains(id).doesNotContain("ada@example.com");
            assertThat(json(support.get("/api/projections/customer-rows/" + id)).path("row").path("email")
                    .asText()).isEqualTo("ada@example.com");
        });
    }

    @Test
    void givenAWriterWithoutReadPii_whenItsCommandIsAnswered_thenTheEchoedEventsAreMaskedToo() {
        String id = newId();
        writeKeysWith(line("signup-form", SIGNUP, "write:customer"));
        HttpClientSupport signup = HttpClientSupport.withToken(app.httpPort(), SIGNUP);

        await().atMost(Duration.ofSeconds(10)).until(() -> signup.get("/api/customer/x").statusCode() == 403);
        HttpResponse<String> answer = signup.post("/api/customer/" + id + "/RegisterCustomer", ADA);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).path("events").path(0).path("payload").path("email").asText())
                .isEqualTo(AvroJson.MASK);
    }

    @Test
    void givenTheForwardingHeader_whenAClientSetsItWithoutAnInstancesProof_then403EvenWithAValidToken() {
        String id = newId();
        assertThat(admin().post("/api/customer/" + id + "/RegisterCustomer", ADA).statusCode()).isEqualTo(200);
        String path = "/api/customer/" + id;
        ForwardingProof proof = new ForwardingProof(TestAccess.FORWARDING_SECRET);
        ForwardingProof otherSecret = new ForwardingProof("another-application-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpClientSupport anonymous = HttpClientSupport.anonymous(app.httpPort());

        List<HttpResponse<String>> refused = List.of(
                anonymous.get(path, InstanceRouter.FORWARDED_HEADER, "true"),
                HttpClientSupport.withToken(app.httpPort(), READER).get(path, InstanceRouter.FORWARDED_HEADER, "true"),
                anonymous.get(path, InstanceRouter.FORWARDED_HEADER, otherSecret.sign(path, PersonalData.MASKED)),
                anonymous.get(path, InstanceRouter.FORWARDED_HEADER, proof.sign("/api/customer/other",
                        PersonalData.MASKED)),
                // A proof made for masked data, presented as one for shown data.
                anonymous.get(path, InstanceRouter.FORWARDED_HEADER, proof.sign(path, PersonalData.MASKED),
                        InstanceRouter.PERSONAL_DATA_HEADER, PersonalData.SHOWN.name()),
                anonymous.post(path + "/ChangeEmail", "{\"email\":\"eve@example.com\"}",
                        InstanceRouter.FORWARDED_HEADER, proof.sign(path + "/ChangeEmail", PersonalData.SHOWN)));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(json(response).path("error").asText()).isEqualTo("forbidden");
        });
        HttpResponse<String> masked = anonymous.get(path, InstanceRouter.FORWARDED_HEADER,
                proof.sign(path, PersonalData.MASKED), InstanceRouter.PERSONAL_DATA_HEADER, PersonalData.MASKED.name());
        HttpResponse<String> shown = anonymous.get(path, InstanceRouter.FORWARDED_HEADER,
                proof.sign(path, PersonalData.SHOWN), InstanceRouter.PERSONAL_DATA_HEADER, PersonalData.SHOWN.name());
        assertThat(json(masked).path("state").path("email").asText()).isEqualTo(AvroJson.MASK);
        assertThat(json(shown).path("state").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(json(admin().get(path)).path("version").asLong()).as("the forged command was not applied")
                .isEqualTo(1);
    }

    @Test
    void givenTheKeyFile_whenAKeyIsAddedAndLaterRemoved_thenItWorksAndThenNoLongerWithoutARestart() {
        String key = ApiKeys.newKey();
        HttpClientSupport newcomer = HttpClientSupport.withToken(app.httpPort(), key);
        assertThat(newcomer.get("/api/product/x").statusCode()).isEqualTo(401);

        writeKeysWith(line("newcomer", key, "read"));
        await().atMost(Duration.ofSeconds(10)).until(() -> newcomer.get("/api/product/x").statusCode() == 404);
        writeKeysWith();

        await().atMost(Duration.ofSeconds(10)).until(() -> newcomer.get("/api/product/x").statusCode() == 401);
        assertThat(admin().get("/api/product/x").statusCode()).isEqualTo(404);
    }

    private static String jwt(String subject, String scope, String issuer, Instant expires) {
        try {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(SIGNING_KEY.getKeyID())
                    .build(), new JWTClaimsSet.Builder().issuer(issuer).audience("eventloom").subject(subject)
                    .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires))
                    .claim("scope", scope).build());
            token.sign(new RSASSASigner(SIGNING_KEY));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("idp-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClientSupport admin() {
        return HttpClientSupport.withToken(app.httpPort(), ADMIN);
    }

    private static String line(String name, String key, String scopes) {
        return name + " = " + ApiKeys.hash(key) + " " + scopes;
    }

    /** The test's standing keys and {@code more}: a key a test adds or removes leaves the others in force. */
    private static void writeKeysWith(String... more) {
        List<String> lines = new ArrayList<>(List.of(line("ops", ADMIN, "admin"),
                line("dashboard", READER, "read"), line("support", PII_READER, "read read:pii"),
                line("catalog-viewer", PRODUCT_READER, "read:product"),
                line("stock-sync", PRODUCT_WRITER, "write:product"), line("prometheus", METRICS, "metrics")));
        lines.addAll(List.of(more));
        writeKeys(lines);
    }

    // Replaced whole, as an operator's tooling would, so the app never reads a half-written file.
    private static void writeKeys(List<String> lines) {
        try {
            Path temp = Files.writeString(keyFile.resolveSibling("keys.tmp"), String.join("\n", lines) + "\n");
            Files.move(temp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newId() {
        return "access-" + UUID.randomUUID();
    }
}
