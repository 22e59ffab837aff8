package io.eventloom.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.TestSchemas;
import io.eventloom.serde.testing.Greeting;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route and error code of the Confluent REST API, against a running registry over real HTTP. */
@ExtendWith(KafkaBrokerExtension.class)
class SchemaRegistryApiTest {

    private static final Schema NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "test", "fields": [{"name": "text", "type": "string"}]}""");

    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;
    private String subject;

    @BeforeAll
    static void startRegistry(TestBroker broker) {
        registry = RegistryFixtures.start(broker, RegistryFixtures.freshTopic());
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void pickSubject(TestInfo test) {
        subject = "api." + test.getTestMethod().orElseThrow().getName() + "-value";
    }

    @Test
    void givenNewSchema_whenRegisteredTwice_thenSameIdAndOneVersion() {
        RegistryHttp.Response first = http.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(NOTE));
        RegistryHttp.Response second = http.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(NOTE));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith(RegistryHttp.VND_JSON);
        assertThat(first.json().fieldNames()).toIterable().containsExactly("id");
        assertThat(second.json().path("id").asInt()).isEqualTo(first.json().path("id").asInt());
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    @Test
    void givenSameSchemaUnderTwoSubjects_whenRegistered_thenOneGlobalId() {
        int id = http.register(subject, NOTE);

        assertThat(http.register(subject + "-other", NOTE)).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/versions").json())
                .extracting(n -> n.path("subject").asText())
                .contains(subject, subject + "-other");
    }

    @Test
    void givenTwoVersions_whenListed_thenSubjectAndBothVersionsShow() {
        http.register(subject, TestSchemas.GREETING_V1);
        http.register(subject, Greeting.getClassSchema());

        assertThat(http.get("/subjects").json()).extracting(n -> n.asText()).contains(subject);
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1,2]");
    }

    @Test
    void givenVersions_whenFetchedByNumberLatestOrMinusOne_thenSubjectVersionIdAndSchemaOnly() {
        int v1 = http.register(subject, TestSchemas.GREETING_V1);
        int v2 = http.register(subject, Greeting.getClassSchema());

        RegistryHttp.Response first = http.get("/subjects/" + subject + "/versions/1");
        assertThat(first.json().fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema");
        assertThat(first.json().path("id").asInt()).isEqualTo(v1);
        assertThat(new Schema.Parser().parse(first.json().path("schema").asText())).isEqualTo(TestSchemas.GREETING_V1);
        assertThat(http.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt()).isEqualTo(v2);
        assertThat(http.get("/subjects/" + subject + "/versions/-1").json().path("version").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/" + subject + "/versions/1/schema").text())
                .isEqualTo(TestSchemas.GREETING_V1.toString());
    }

    @Test
    void givenUnknownSubjectOrVersion_whenFetched_thenConfluentErrorCodes() {
        http.register(subject, NOTE);

        RegistryHttp.Response noSubject = http.get("/subjects/" + subject + "-missing/versions");
        RegistryHttp.Response noVersion = http.get("/subjects/" + subject + "/versions/99");
        RegistryHttp.Response badVersion = http.get("/subjects/" + subject + "/versions/first");
        RegistryHttp.Response zeroVersion = http.get("/subjects/" + subject + "/versions/0");

        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
        assertThat(noSubject.json().path("message").asText()).contains(subject + "-missing");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
        assertThat(zeroVersion.errorCode()).isEqualTo(42202);
    }

    @Test
    void givenSchemaId_whenFetched_thenSchemaAndUnknownIdGives40403() {
        int id = http.register(subject, NOTE);

        RegistryHttp.Response found = http.get("/schemas/ids/" + id);
        RegistryHttp.Response missing = http.get("/schemas/ids/99999");

        assertThat(found.json().fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(found.json().path("schema").asText())).isEqualTo(NOTE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/99999/versions").errorCode()).isEqualTo(40403);
    }

    @Test
    void givenLookUp_whenSchemaRegisteredOrNot_thenVersionOr40403Or40401() {
        int id = http.register(subject, NOTE);

        RegistryHttp.Response found = http.post("/subjects/" + subject, RegistryHttp.schemaBody(NOTE));
        RegistryHttp.Response otherSchema = http.post("/subjects/" + subject,
                RegistryHttp.schemaBody(TestSchemas.GREETING_V1));
        RegistryHttp.Response noSubject = http.post("/subjects/" + subject + "-missing",
                RegistryHttp.schemaBody(NOTE));

        assertThat(found.json().path("id").asInt()).isEqualTo(id);
        assertThat(found.json().path("version").asInt()).isEqualTo(1);
        assertThat(found.json().path("subject").asText()).isEqualTo(subject);
        assertThat(otherSchema.errorCode()).isEqualTo(40403);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void givenInvalidOrNonAvroSchema_whenRegistered_then42201() {
        RegistryHttp.Response notAvro = http.post("/subjects/" + subject + "/versions",
                "{\"schema\": \"{\\\"type\\\": \\\"recordd\\\"}\"}");
        RegistryHttp.Response protobuf = http.post("/subjects/" + subject + "/versions",
                "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = \\\"proto3\\\";\"}");

        assertThat(notAvro.status()).isEqualTo(422);
        assertThat(notAvro.errorCode()).isEqualTo(42201);
        assertThat(protobuf.errorCode()).isEqualTo(42201);
        assertThat(protobuf.json().path("message").asText()).contains("PROTOBUF").contains("AVRO");
        assertThat(http.get("/schemas/types").text()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void givenUndefinedTypeUnknownPrimitiveOrBadDefault_whenRegisteredOrChecked_then42201WithAvrosExplanation() {
        String undefined = """
                {"type":"record","name":"X","fields":[{"name":"a","type":"nosuchtype"}]}""";
        RegistryHttp.Response register = http.post("/subjects/" + subject + "/versions", body(undefined));
        RegistryHttp.Response primitive = http.post("/subjects/" + subject + "/versions",
                body(undefined.replace("nosuchtype", "intt")));
        RegistryHttp.Response topLevel = http.post("/subjects/" + subject + "/versions", body("\"intt\""));
        RegistryHttp.Response badDefault = http.post("/subjects/" + subject + "/versions",
                body(undefined.replace("\"nosuchtype\"", "\"int\",\"default\":\"x\"")));
        RegistryHttp.Response check = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                body(undefined));
        RegistryHttp.Response nullBody = http.post("/subjects/" + subject + "/versions", "null");

        assertThat(List.of(register, primitive, topLevel, badDefault, check, nullBody)).allSatisfy(response -> {
            assertThat(response.status()).as(response.text()).isEqualTo(422);
            assertThat(response.errorCode()).isEqualTo(42201);
            assertThat(response.text()).doesNotContain("org.apache", "Exception");
        });
        assertThat(register.json().path("message").asText()).contains("Undefined schema: nosuchtype");
        assertThat(primitive.json().path("message").asText()).contains("intt");
        assertThat(badDefault.json().path("message").asText()).contains("Invalid default for field a");
    }

    @Test
    void givenUnknownRouteOrUrlOverJettysLimit_whenRequested_thenConfluentErrorShapeNotTextOrHtml() {
        RegistryHttp.Response route = http.get("/nothing/here");
        RegistryHttp.Response url = http.get("/subjects/" + "s".repeat(20_000) + "/versions");

        assertThat(route.status()).isEqualTo(404);
        assertThat(route.contentType()).startsWith(RegistryHttp.VND_JSON);
        assertThat(route.errorCode()).isEqualTo(404);
        assertThat(url.status()).isEqualTo(414);
        assertThat(url.contentType()).startsWith(RegistryHttp.VND_JSON);
        assertThat(url.errorCode()).isEqualTo(414);
    }

    @Test
    void givenBodyThatIsNotJson_whenRegistered_then400InConfluentErrorShape() {
        RegistryHttp.Response refused = http.post("/subjects/" + subject + "/versions", "{schema:");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith(RegistryHttp.VND_JSON);
        assertThat(refused.errorCode()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("not valid JSON");
    }

    @Test
    void givenPlainJsonOrOctetStreamContentType_whenRegistered_thenAccepted() {
        assertThat(http.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(NOTE),
                "application/json").status()).isEqualTo(200);
        assertThat(http.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(NOTE),
                "application/octet-stream").status()).isEqualTo(200);
    }

    @Test
    void givenSoftDeletedVersion_whenListed_thenHiddenUnlessAskedButIdStillResolves() {
        int id = http.register(subject, TestSchemas.GREETING_V1);
        http.register(subject, Greeting.getClassSchema());

        RegistryHttp.Response deleted = http.delete("/subjects/" + subject + "/versions/1");

        assertThat(deleted.text()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[2]");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").text()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40402);
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.delete("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40402);
    }

    @Test
    void givenLiveSubject_whenDeletedPermanently_thenRefusedAsConfluentDoesAndNothingIsDeleted() {
        int id = http.register(subject, TestSchemas.GREETING_V1);

        RegistryHttp.Response subjectGone = http.delete("/subjects/" + subject + "?permanent=true");
        RegistryHttp.Response versionGone = http.delete("/subjects/" + subject + "/versions/1?permanent=true");

        assertThat(subjectGone.status()).isEqualTo(404);
        assertThat(subjectGone.errorCode()).isEqualTo(40405);
        assertThat(versionGone.status()).isEqualTo(404);
        assertThat(versionGone.errorCode()).isEqualTo(40407);
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
    }

    @Test
    void givenSoftDeletedSubject_whenDeletedPermanently_thenNotPermittedAndItsSchemaStillResolves() {
        int id = http.register(subject, TestSchemas.GREETING_V1);
        http.delete("/subjects/" + subject);

        RegistryHttp.Response subjectGone = http.delete("/subjects/" + subject + "?permanent=true");
        RegistryHttp.Response versionGone = http.delete("/subjects/" + subject + "/versions/1?permanent=true");

        assertThat(List.of(subjectGone, versionGone)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.errorCode()).isEqualTo(42205);
        });
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").text()).isEqualTo("[1]");
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.delete("/subjects/unknown-" + subject + "?permanent=true").errorCode()).isEqualTo(40401);
    }

    @Test
    void givenSubject_whenSoftDeleted_thenItsVersionsAreReturnedAndItIsGone() {
        http.register(subject, TestSchemas.GREETING_V1);
        http.register(subject, Greeting.getClassSchema());

        RegistryHttp.Response deleted = http.delete("/subjects/" + subject);

        assertThat(deleted.text()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects").json()).extracting(n -> n.asText()).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").json()).extracting(n -> n.asText()).contains(subject);
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40401);
        assertThat(http.register(subject, Greeting.getClassSchema())).isPositive();
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[3]");
    }

    @Test
    void givenBackwardDefault_whenNewRequiredFieldWithoutDefault_thenRegistrationRefusedWith409() {
        http.register(subject, Greeting.getClassSchema());

        RegistryHttp.Response refused = http.post("/subjects/" + subject + "/versions",
                RegistryHttp.schemaBody(TestSchemas.GREETING_V3_REQUIRED_FIELD));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("incompatible").contains("region");
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    @Test
    void givenCompatibilityCheck_whenAskedForLatestAndAVersion_thenVerdictWithoutRegistering() {
        http.register(subject, TestSchemas.GREETING_V1);

        RegistryHttp.Response optionalField = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                RegistryHttp.schemaBody(Greeting.getClassSchema()));
        RegistryHttp.Response requiredField = http.post(
                "/compatibility/subjects/" + subject + "/versions/1?verbose=true",
                RegistryHttp.schemaBody(TestSchemas.GREETING_V3_REQUIRED_FIELD));

        assertThat(optionalField.json().path("is_compatible").asBoolean()).isTrue();
        assertThat(requiredField.json().path("is_compatible").asBoolean()).isFalse();
        // As Confluent answers: each incompatibility, then the version it breaks, that version's schema, the level.
        assertThat(requiredField.json().path("messages")).extracting(n -> n.asText()).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'field 'region' in Greeting has no"
                        + " default, so data written with version 1 cannot be read', additionalInfo:'region'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + TestSchemas.GREETING_V1 + "'}",
                "{compatibility: 'BACKWARD'}");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/7",
                RegistryHttp.schemaBody(NOTE)).errorCode()).isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/" + subject + "-missing/versions/latest",
                RegistryHttp.schemaBody(NOTE)).errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    // Avro's validator, by which the log applies registrations, lets a renamed record through; Confluent does not.
    @Test
    void givenARenamedRecord_whenRegisteredOrChecked_thenRefusedAsConfluentRefusesIt() {
        http.register(subject, NOTE);
        Schema renamed = new Schema.Parser().parse(NOTE.toString().replace("\"Note\"", "\"Memo\""));

        RegistryHttp.Response refused = http.post("/subjects/" + subject + "/versions",
                RegistryHttp.schemaBody(renamed));
        RegistryHttp.Response check = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
                RegistryHttp.schemaBody(renamed));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).startsWith("Schema being registered is incompatible"
                + " with an earlier schema for subject \"" + subject + "\", details: [{errorType:'NAME_MISMATCH',"
                + " description:'the schema was renamed from test.Note to test.Memo");
        assertThat(check.json().path("is_compatible").asBoolean()).isFalse();
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    @Test
    void givenSubjectLevelNone_whenIncompatibleRegistered_thenAcceptedAndDeletingLevelRestoresGlobal() {
        http.register(subject, Greeting.getClassSchema());

        RegistryHttp.Response set = http.put("/config/" + subject, "{\"compatibility\": \"NONE\"}");
        int v3 = http.register(subject, TestSchemas.GREETING_V3_REQUIRED_FIELD);
        RegistryHttp.Response own = http.get("/config/" + subject);
        RegistryHttp.Response removed = http.delete("/config/" + subject);

        assertThat(set.json().path("compatibility").asText()).isEqualTo("NONE");
        assertThat(v3).isPositive();
        assertThat(own.json().path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(removed.json().path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/" + subject).errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").json().path("compatibilityLevel")
                .asText()).isEqualTo("BACKWARD");
        assertThat(http.delete("/config/" + subject + "-missing").errorCode()).isEqualTo(40401);
    }

    @Test
    void givenUnknownLevel_whenSet_then42203() {
        RegistryHttp.Response refused = http.put("/config/" + subject, "{\"compatibility\": \"SIDEWAYS\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42203);
    }

    @Test
    void givenGlobalLevel_whenReadAndChanged_thenSubjectsWithoutOwnLevelFollowIt(TestBroker broker) {
        try (EmbeddedSchemaRegistry own = RegistryFixtures.start(broker, RegistryFixtures.freshTopic())) {
            RegistryHttp ownHttp = new RegistryHttp(own.url());
            ownHttp.register(subject, Greeting.getClassSchema());

            assertThat(ownHttp.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
            assertThat(ownHttp.put("/config", "{\"compatibility\": \"FORWARD\"}").json().path("compatibility")
                    .asText()).isEqualTo("FORWARD");
            assertThat(ownHttp.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("FORWARD");
            // Under FORWARD, old readers ignore the new required field, so what BACKWARD refused is now allowed.
            assertThat(ownHttp.register(subject, TestSchemas.GREETING_V3_REQUIRED_FIELD)).isPositive();
            assertThat(ownHttp.get("/subjects").json()).extracting(n -> n.asText()).isEqualTo(List.of(subject));
        }
    }

    private static String body(String schema) {
        return JsonNodeFactory.instance.objectNode().put("schema", schema).toString();
    }
}
