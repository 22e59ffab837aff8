package io.eventloom.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.HostileCase;
import io.eventloom.testing.RawHttp;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.util.stream.Stream;

import static io.eventloom.testing.NoInternals.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus ({@link HostileRegistryRequests}) against a running registry over real HTTP: every request
 * gets Confluent's 4xx, never a 5xx, in Confluent's error shape and without Java internals; and the registry
 * still registers and serves schemas afterwards.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaRegistryHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry(TestBroker broker) {
        registry = RegistryFixtures.start(broker, RegistryFixtures.freshTopic());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Stream<HostileCase> corpus() {
        return HostileRegistryRequests.all();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givenHostileRequest_whenSent_thenConfluentsStatusAndErrorShapeWithoutInternals(HostileCase hostile)
            throws IOException {
        RawHttp.Answer answer = RawHttp.send(URI.create(registry.url()).getPort(), hostile.request());

        assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.expectedStatus());
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith(RegistryHttp.VND_JSON);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error_code").isInt()).as(answer.body()).isTrue();
        assertThat(body.path("message").isTextual()).as(answer.body()).isTrue();
        assertNoInternals(answer.body());
    }

    @Order(2)
    @Test
    void givenTheWholeCorpusSent_whenASchemaIsRegisteredAndRead_thenTheRegistryStillServes() {
        RegistryHttp http = new RegistryHttp(registry.url());
        Schema note = new Schema.Parser().parse("""
                {"type":"record","name":"Note","fields":[{"name":"text","type":"string"}]}""");

        int id = http.register(HostileRegistryRequests.SUBJECT, note);

        assertThat(http.get("/schemas/ids/" + id).json().path("schema").asText()).isEqualTo(note.toString());
        assertThat(http.get("/subjects/" + HostileRegistryRequests.SUBJECT + "/versions").text()).isEqualTo("[1]");
        assertThat(http.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }
}
