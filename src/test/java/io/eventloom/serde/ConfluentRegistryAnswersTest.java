package io.eventloom.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eventloom.registry.Compatibility;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client against Confluent Schema Registry's own answers, byte for byte, rather than against the embedded
 * registry that imitates them: the shapes are those of Confluent's API reference
 * (https://docs.confluent.io/platform/current/schema-registry/develop/api.html) and of Confluent Platform 8.x's
 * server, which adds the registered version's fields to a registration's answer (RegisterSchemaResponse) and, from
 * 8.2, refuses an incompatible schema with error code 40901 rather than 409 (rest/exceptions/Errors.java).
 */
class ConfluentRegistryAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "shop.order.events-value";
    private static final Schema SCHEMA = SchemaBuilder.record("OrderPlaced").namespace("shop").fields()
            .requiredString("orderId").requiredLong("placedAt").endRecord();

    private ConfluentRegistryStub registry;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = ConfluentRegistryStub.start();
        client = new HttpSchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void givenConfluent8sRegistrationAnswer_whenRegistered_thenItsIdAndTheRequestInConfluentsShape() throws Exception {
        registry.answer("POST", "/subjects/shop.order.events-value/versions", 200, "{\"id\":100001,\"version\":1,"
                + "\"guid\":\"7ad0a6a5-3b5e-43d2-8e2b-3cb5c0b5e1a4\",\"schema\":" + quoted(SCHEMA)
                + ",\"ts\":1767225600000}");

        int id = client.register(SUBJECT, SCHEMA);

        assertThat(id).isEqualTo(100001);
        ConfluentRegistryStub.Request request = registry.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.accept()).startsWith("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.size()).isOne();
        assertThat(new Schema.Parser().parse(body.path("schema").asText())).isEqualTo(SCHEMA);
    }

    @Test
    void givenTheDocumentedRegistrationAnswerOfOlderVersions_whenRegistered_thenItsId() {
        registry.answer("POST", "/subjects/shop.order.events-value/versions", 200, "{\"id\":1}");

        assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(1);
    }

    @Test
    void givenALookUp_whenTheSubjectHoldsTheSchemaOrNotOrDoesNotExist_thenItsIdOrConfluentsNotFoundCodes() {
        Schema other = SchemaBuilder.record("OrderShipped").namespace("shop").fields().requiredString("orderId")
                .endRecord();
        registry.answer("POST", "/subjects/shop.order.events-value", 200, "{\"subject\":\"shop.order.events-value\","
                + "\"version\":3,\"id\":100003,\"schema\":" + quoted(SCHEMA) + "}");

        assertThat(client.idOf(SUBJECT, SCHEMA)).isEqualTo(100003);

        registry.answer("POST", "/subjects/shop.order.events-value", 404,
                "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertThat(refusal(() -> client.idOf(SUBJECT, other))).satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
            assertThat(error.isNotFound()).isTrue();
            assertThat(error.isTransient()).isFalse();
        });
        registry.answer("POST", "/subjects/shop.product.events-value", 404,
                "{\"error_code\":40401,\"message\":\"Subject 'shop.product.events-value' not found.\"}");
        assertThat(refusal(() -> client.idOf("shop.product.events-value", SCHEMA))).satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
            assertThat(error.getMessage()).contains("Subject 'shop.product.events-value' not found.");
        });
    }

    @Test
    void givenSchemasById_whenFetchedWithOrWithoutTheFieldsNewerVersionsAdd_thenTheSchemaAndNotFoundAs40403() {
        registry.answer("GET", "/schemas/ids/1", 200, "{\"schema\":" + quoted(SCHEMA) + "}");
        registry.answer("GET", "/schemas/ids/2", 200, "{\"schemaType\":\"AVRO\",\"schema\":" + quoted(SCHEMA)
                + ",\"guid\":\"f3a1e0c2-52d6-4c55-9a37-0d8f3bb1d7de\",\"ts\":1767225600000}");
        registry.answer("GET", "/schemas/ids/7", 404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");

        assertThat(client.schemaById(1)).isEqualTo(SCHEMA);
        assertThat(client.schemaById(2)).isEqualTo(SCHEMA);
        assertThat(refusal(() -> client.schemaById(7)).errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Test
    void givenTheSubjectsAndVersionsOfAnId_whenAskedForOneSubjectsVersion_thenThatVersionOrNone() {
        registry.answer("GET", "/schemas/ids/100001/versions", 200,
                "[{\"subject\":\"shop.order.commands-value\",\"version\":4},"
                        + "{\"subject\":\"shop.order.events-value\",\"version\":2}]");

        assertThat(client.versionOf(SUBJECT, 100001)).isEqualTo(OptionalInt.of(2));
        assertThat(client.versionOf("shop.product.events-value", 100001)).isEmpty();
    }

    @Test
    void givenASubjectsLevel_whenSet_thenPutToItsConfigInConfluentsShape() throws Exception {
        registry.answer("PUT", "/config/shop.order.events-value", 200, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");

        client.setCompatibility(SUBJECT, Compatibility.BACKWARD_TRANSITIVE);

        ConfluentRegistryStub.Request request = registry.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}"));
    }

    @Test
    void givenConfluentsVerboseCompatibilityAnswers_whenChecked_thenItsMessagesOrNone() {
        String target = "/compatibility/subjects/shop.order.events-value/versions/latest?verbose=true";
        List<String> messages = List.of("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field"
                        + " 'channel' at path '/fields/2' in the new schema has no default value and is missing in"
                        + " the old schema', additionalInfo:'channel'}", "{oldSchemaVersion: 1}",
                "{oldSchema: '" + SCHEMA + "'}", "{validateFields: 'false', compatibility: 'BACKWARD'}");
        registry.answer("POST", target, 200, "{\"is_compatible\":false,\"messages\":" + array(messages) + "}");

        assertThat(client.compatibilityProblems(SUBJECT, SCHEMA)).isEqualTo(messages);

        registry.answer("POST", target, 200, "{\"is_compatible\":true,\"messages\":[]}");
        assertThat(client.compatibilityProblems(SUBJECT, SCHEMA)).isEmpty();
        // Versions before 8 answer a subject without versions so; 8.x calls any schema compatible with none.
        registry.answer("POST", target, 404,
                "{\"error_code\":40401,\"message\":\"Subject 'shop.order.events-value' not found.\"}");
        assertThat(refusal(() -> client.compatibilityProblems(SUBJECT, SCHEMA)).errorCode())
                .isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    @Test
    void givenAnIncompatibleOrInvalidSchema_whenRegistered_thenARefusalThatIsNotRetried() {
        String target = "/subjects/shop.order.events-value/versions";
        String incompatible = "Schema being registered is incompatible with an earlier schema for subject"
                + " \\\"shop.order.events-value\\\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'}]";
        registry.answer("POST", target, 409, "{\"error_code\":40901,\"message\":\"" + incompatible + "\"}");

        assertThat(refusal(() -> client.register(SUBJECT, SCHEMA))).satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(40901);
            assertThat(error.isTransient()).isFalse();
            assertThat(error.getMessage()).contains("is incompatible with an earlier schema");
        });
        // Confluent Platform up to 8.1 gives the HTTP status as the code.
        registry.answer("POST", target, 409, "{\"error_code\":409,\"message\":\"" + incompatible + "\"}");
        assertThat(refusal(() -> client.register(SUBJECT, SCHEMA)).isTransient()).isFalse();
        registry.answer("POST", target, 422, "{\"error_code\":42201,\"message\":\"Either the input schema or one of"
                + " its references is invalid\"}");
        assertThat(refusal(() -> client.register(SUBJECT, SCHEMA))).satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
            assertThat(error.isTransient()).isFalse();
        });
    }

    @Test
    void givenConfluentsServerErrorsAndAuthorizationRefusals_whenRegistering_thenFaultsToRetryNotRefusals() {
        String target = "/subjects/shop.order.events-value/versions";
        for (String answer : List.of(
                "500 {\"error_code\":50001,\"message\":\"Register schema operation failed while writing to the Kafka"
                        + " store\"}",
                "500 {\"error_code\":50002,\"message\":\"Register operation timed out\"}",
                "500 {\"error_code\":50003,\"message\":\"Error while forwarding register schema request to the"
                        + " leader\"}",
                "401 {\"error_code\":401,\"message\":\"Unauthorized\"}",
                "403 {\"error_code\":40301,\"message\":\"User is denied operation Write on Subject:"
                        + " shop.order.events-value\"}")) {
            registry.answer("POST", target, Integer.parseInt(answer.substring(0, 3)), answer.substring(4));

            assertThat(refusal(() -> client.register(SUBJECT, SCHEMA)).isTransient()).as(answer).isTrue();
        }
    }

    @Test
    void givenTheSubjectsAndTheirLatestVersions_whenListedAndRead_thenConfluentsArraysAndVersions() {
        registry.answer("GET", "/subjects", 200, "[\"shop.order.commands-value\",\"shop.order.events-value\"]");
        registry.answer("GET", "/subjects/shop.order.events-value/versions/latest", 200,
                "{\"subject\":\"shop.order.events-value\",\"version\":2,\"id\":100002,\"schema\":" + quoted(SCHEMA)
                        + "}");
        registry.answer("GET", "/subjects/shop.product.events-value/versions/latest", 404,
                "{\"error_code\":40401,\"message\":\"Subject 'shop.product.events-value' not found.\"}");

        assertThat(client.subjects()).containsExactly("shop.order.commands-value", SUBJECT);
        assertThat(client.latestSchema(SUBJECT)).isEqualTo(SCHEMA);
        assertThat(refusal(() -> client.latestSchema("shop.product.events-value")).errorCode())
                .isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    private static SchemaRegistryException refusal(Runnable call) {
        SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class, call::run);
        assertThat(error).as("a SchemaRegistryException").isNotNull();
        return error;
    }

    private static String quoted(Schema schema) {
        return new TextNode(schema.toString()).toString();
    }

    private static String array(List<String> values) {
        return JSON.valueToTree(values).toString();
    }
}
