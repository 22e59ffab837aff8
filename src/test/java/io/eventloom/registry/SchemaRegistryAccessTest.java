package io.eventloom.registry;

import io.eventloom.auth.ApiKeys;
import io.eventloom.auth.Scopes;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may change the registry over real HTTP: every mutation needs a token with {@code admin} (401 without one,
 * 403 with a lesser one, in Confluent's error shape); reads are open, or need any valid token when so configured.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SchemaRegistryAccessTest {

    private static final Schema NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "test", "fields": [{"name": "text", "type": "string"}]}""");
    private static final Schema NOTE_V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "test", "fields": [{"name": "text", "type": "string"},
             {"name": "tag", "type": ["null", "string"], "default": null}]}""");
    private static final String ADMIN = ApiKeys.newKey();
    private static final String READER = ApiKeys.newKey();
    private static final String SUBJECT = "guarded-value";

    private static EmbeddedSchemaRegistry openReads;
    private static EmbeddedSchemaRegistry tokenReads;

    @BeforeAll
    static void start(TestBroker broker) {
        ApiKeys keys = new ApiKeys(List.of(new ApiKeys.Entry("ops", ApiKeys.hash(ADMIN), Scopes.of(Scopes.ADMIN)),
                new ApiKeys.Entry("consumer", ApiKeys.hash(READER), Scopes.of(Scopes.READ))));
        openReads = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings
                .of(broker.bootstrapServers(), FreePort.find()).withTopic(RegistryFixtures.freshTopic())
                .withAccess(RegistryAccess.tokens(keys, false)));
        tokenReads = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings
                .of(broker.bootstrapServers(), FreePort.find()).withTopic(RegistryFixtures.freshTopic())
                .withAccess(RegistryAccess.tokens(keys, true)));
        new RegistryHttp(openReads.url(), Optional.of(ADMIN)).register(SUBJECT, NOTE);
        new RegistryHttp(tokenReads.url(), Optional.of(ADMIN)).register(SUBJECT, NOTE);
    }

    @AfterAll
    static void stop() {
        openReads.close();
        tokenReads.close();
    }

    @Test
    void givenNoTokenOrALesserOne_whenEveryKindOfMutationIsTried_then401Or403AndNothingChanges() {
        List<RegistryHttp> refused = List.of(new RegistryHttp(openReads.url()),
                new RegistryHttp(openReads.url(), Optional.of(READER)),
                new RegistryHttp(openReads.url(), Optional.of(ApiKeys.newKey())));

        for (RegistryHttp http : refused) {
            List<RegistryHttp.Response> answers = List.of(
                    http.post("/subjects/" + SUBJECT + "/versions", RegistryHttp.schemaBody(NOTE_V2)),
                    http.post("/subjects/other-value/versions", RegistryHttp.schemaBody(NOTE)),
                    http.delete("/subjects/" + SUBJECT),
                    http.delete("/subjects/" + SUBJECT + "/versions/1"),
                    http.delete("/subjects/" + SUBJECT + "/versions/1?permanent=true"),
                    http.put("/config", "{\"compatibility\": \"NONE\"}"),
                    http.put("/config/" + SUBJECT, "{\"compatibility\": \"NONE\"}"),
                    http.delete("/config/" + SUBJECT));
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.contentType()).startsWith(RegistryHttp.VND_JSON);
                if (http == refused.get(1)) {
                    assertThat(answer.status()).as(answer.text()).isEqualTo(403);
                    assertThat(answer.errorCode()).isEqualTo(40301);
                    assertThat(answer.json().path("message").asText()).contains("consumer").contains("admin");
                } else {
                    assertThat(answer.status()).as(answer.text()).isEqualTo(401);
                    assertThat(answer.errorCode()).isEqualTo(401);
                }
            });
        }
        RegistryHttp anyone = new RegistryHttp(openReads.url());
        assertThat(anyone.get("/subjects").text()).contains("\"" + SUBJECT + "\"");
        assertThat(anyone.get("/subjects/" + SUBJECT + "/versions").text()).isEqualTo("[1]");
        assertThat(anyone.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void givenOpenReads_whenReadWithoutAToken_thenSchemasLookupsAndChecksAnswer() {
        RegistryHttp anyone = new RegistryHttp(openReads.url());

        int id = anyone.get("/subjects/" + SUBJECT + "/versions/1").json().path("id").asInt();

        assertThat(anyone.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(anyone.post("/subjects/" + SUBJECT, RegistryHttp.schemaBody(NOTE)).json().path("id").asInt())
                .isEqualTo(id);
        assertThat(anyone.post("/compatibility/subjects/" + SUBJECT + "/versions/latest",
                RegistryHttp.schemaBody(NOTE_V2)).json().path("is_compatible").asBoolean()).isTrue();
        assertThat(anyone.get("/config/" + SUBJECT + "?defaultToGlobal=true").status()).isEqualTo(200);
    }

    @Test
    void givenAdmin_whenItRegistersAndSetsALevel_thenBothApply() {
        RegistryHttp admin = new RegistryHttp(openReads.url(), Optional.of(ADMIN));

        RegistryHttp.Response level = admin.put("/config/admin-only-value", "{\"compatibility\": \"FULL\"}");
        int id = admin.register("admin-only-value", NOTE);

        assertThat(level.status()).as(level.text()).isEqualTo(200);
        assertThat(new RegistryHttp(openReads.url()).get("/config/admin-only-value").json()
                .path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(id).isPositive();
    }

    @Test
    void givenReadsNeedAToken_whenReadWithoutOne_then401AndWithAnyValidOneTheSchema() {
        RegistryHttp anyone = new RegistryHttp(tokenReads.url());
        RegistryHttp consumer = new RegistryHttp(tokenReads.url(), Optional.of(READER));

        List<RegistryHttp.Response> refused = List.of(anyone.get("/subjects"), anyone.get("/schemas/ids/1"),
                anyone.post("/subjects/" + SUBJECT, RegistryHttp.schemaBody(NOTE)), anyone.get("/config"));

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            assertThat(answer.errorCode()).isEqualTo(401);
        });
        assertThat(consumer.get("/subjects").text()).isEqualTo("[\"" + SUBJECT + "\"]");
        assertThat(consumer.put("/config", "{\"compatibility\": \"NONE\"}").status()).isEqualTo(403);
    }

    @Test
    void givenTheSerdesClient_whenItRegistersWithoutAdmin_thenARefusalOfItsCredentialsIsAFaultNotPoison() {
        HttpSchemaRegistryClient withoutAdmin = new HttpSchemaRegistryClient(openReads.url(),
                Optional.of("Bearer " + READER));
        HttpSchemaRegistryClient withAdmin = new HttpSchemaRegistryClient(openReads.url(),
                Optional.of("Bearer " + ADMIN));

        assertThatThrownBy(() -> withoutAdmin.register("serde-value", NOTE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40301);
                    assertThat(e.isTransient()).as("retried, never dead-lettered").isTrue();
                });
        assertThat(withAdmin.register("serde-value", NOTE)).isPositive();
        assertThat(withoutAdmin.idOf("serde-value", NOTE)).as("reads need no admin").isPositive();
    }
}
