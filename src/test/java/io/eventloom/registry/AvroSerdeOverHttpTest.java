package io.eventloom.registry;

import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.GenericAvroSerde;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.serde.SpecificAvroSerde;
import io.eventloom.serde.TestSchemas;
import io.eventloom.serde.testing.Greeting;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Eventloom's serdes and HTTP registry client against the running embedded registry. */
@ExtendWith(KafkaBrokerExtension.class)
class AvroSerdeOverHttpTest {

    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void startRegistry(TestBroker broker) {
        registry = RegistryFixtures.start(broker, RegistryFixtures.freshTopic());
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void givenAutoRegistering_whenSpecificRecordRoundTrips_thenSchemaIsUnderTopicValueSubjectWithTheWrittenId() {
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(registry.url()),
                AvroSerdeConfig.autoRegistering());
        Greeting greeting = TestSchemas.greeting("Ada", 2, "en");

        byte[] bytes = serdes.specificValue(Greeting.class).serializer().serialize("http.greetings", greeting);

        assertThat(serdes.specificValue(Greeting.class).deserializer().deserialize("http.greetings", bytes))
                .isEqualTo(greeting);
        assertThat(http.get("/subjects/http.greetings-value/versions/latest").json().path("id").asInt())
                .isEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    @Test
    void givenV1DataInTheTopic_whenTheV2ClassReadsAndRegisters_thenOldDataDecodesAndV2BecomesVersion2() {
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(registry.url()),
                AvroSerdeConfig.autoRegistering());
        byte[] v1Bytes = serdes.genericValue().serializer().serialize("http.evolve", TestSchemas.greetingV1("Old", 1));

        Greeting read = new AvroSerdes(new HttpSchemaRegistryClient(registry.url()), AvroSerdeConfig.defaults())
                .specificValue(Greeting.class).deserializer().deserialize("http.evolve", v1Bytes);
        serdes.specificValue(Greeting.class).serializer()
                .serialize("http.evolve", TestSchemas.greeting("New", 2, "fr"));

        assertThat(read.getName()).isEqualTo("Old");
        assertThat(read.getLanguage()).isNull();
        assertThat(http.get("/subjects/http.evolve-value/versions").text()).isEqualTo("[1,2]");
    }

    @Test
    void givenBackward_whenWriterAddsRequiredFieldWithoutDefault_thenSerializerFailsWithTheRegistrys409() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        client.register("http.strict-value", Greeting.getClassSchema());
        GenericRecord v3 = new GenericData.Record(TestSchemas.GREETING_V3_REQUIRED_FIELD);
        v3.put("name", "x");
        v3.put("count", 1);
        v3.put("region", "eu");
        GenericAvroSerde serde = new GenericAvroSerde(client, AvroSerdeConfig.autoRegistering(), false);

        assertThatThrownBy(() -> serde.serializer().serialize("http.strict", v3))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic http.strict")
                .hasRootCauseInstanceOf(SchemaRegistryException.class);
        assertThatThrownBy(() -> client.register("http.strict-value", TestSchemas.GREETING_V3_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA));
    }

    @Test
    void givenALevelSetBeforeTheFirstVersion_whenASchemaIsChecked_thenTheRegistryJudgesAtThatLevelInItsOwnWords() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        client.setCompatibility("http.levels-value", Compatibility.BACKWARD_TRANSITIVE);
        client.register("http.levels-value", TestSchemas.GREETING_V1);
        client.register("http.levels-value", Greeting.getClassSchema());

        assertThat(http.get("/config/http.levels-value").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(client.compatibilityProblems("http.levels-value", Greeting.getClassSchema())).isEmpty();
        assertThat(client.compatibilityProblems("http.levels-value", TestSchemas.GREETING_V3_REQUIRED_FIELD))
                .first().asString().contains("field 'region' in Greeting has no default");
        assertThat(client.compatibilityProblems("http.levels-value", TestSchemas.GREETING_V3_REQUIRED_FIELD))
                .contains("{compatibility: 'BACKWARD_TRANSITIVE'}");
        assertThatThrownBy(() -> client.compatibilityProblems("http.nothing-yet-value", TestSchemas.GREETING_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThat(client.subjects()).contains("http.levels-value").doesNotContain("http.nothing-yet-value");
        assertThat(client.latestSchema("http.levels-value")).isEqualTo(Greeting.getClassSchema());
    }

    @Test
    void givenAutoRegisterOff_whenSubjectUnknown_thenClientCarries40401AndSerializerSaysRegisterFirst() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>(client, Greeting.class,
                AvroSerdeConfig.defaults(), false);

        assertThatThrownBy(() -> client.idOf("http.unregistered-value", Greeting.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> serde.serializer().serialize("http.unregistered", TestSchemas.greeting("x", 1, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("register the schema first");
    }

    @Test
    void givenUnknownSchemaIdInBytes_whenDeserialized_thenErrorNamesTopicAndId() {
        GenericAvroSerde serde = new GenericAvroSerde(new HttpSchemaRegistryClient(registry.url()),
                AvroSerdeConfig.defaults(), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize("http.bad", HexFormat.of().parseHex("000001e24002")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic http.bad").hasMessageContaining("schema id 123456");
    }

    @Test
    void givenConfluentConfigNames_whenNoArgSerdeConfigured_thenItRegistersUnderRecordNameAndReadsTheClass() {
        SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>();
        serde.configure(Map.of(
                "schema.registry.url", "http://localhost:1," + registry.url(),
                "auto.register.schemas", "true",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false);
        Greeting greeting = TestSchemas.greeting("Conf", 3, null);

        byte[] bytes = serde.serializer().serialize("http.configured", greeting);

        assertThat(serde.deserializer().deserialize("http.configured", bytes)).isEqualTo(greeting);
        assertThat(http.get("/subjects/io.eventloom.serde.testing.Greeting/versions").status()).isEqualTo(200);
    }
}
