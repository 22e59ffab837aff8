package io.eventloom.serde;

import io.eventloom.serde.testing.Greeting;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private static final String TOPIC = "shop.order.commands";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerdes serdes = new AvroSerdes(registry, AvroSerdeConfig.autoRegistering());

    @Test
    void givenSpecificRecord_whenRoundTripped_thenEqualAndRegisteredUnderTopicValueSubject() {
        Serde<Greeting> serde = serdes.specificValue(Greeting.class);
        Greeting greeting = TestSchemas.greeting("Ada", 3, "en");

        byte[] bytes = serde.serializer().serialize(TOPIC, greeting);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(greeting);
        assertThat(schemaIdOf(bytes)).isEqualTo(registry.idOf("shop.order.commands-value", Greeting.getClassSchema()));
    }

    @Test
    void givenKeySerde_whenSerialized_thenSubjectIsTopicKey() {
        byte[] bytes = serdes.specificKey(Greeting.class).serializer()
                .serialize(TOPIC, TestSchemas.greeting("k", 1, null));

        assertThat(schemaIdOf(bytes)).isEqualTo(registry.idOf("shop.order.commands-key", Greeting.getClassSchema()));
    }

    @Test
    void givenGenericRecord_whenRoundTripped_thenFieldsSurvive() {
        Serde<GenericRecord> serde = serdes.genericValue();

        GenericRecord read = serde.deserializer().deserialize(TOPIC,
                serde.serializer().serialize(TOPIC, TestSchemas.greetingV1("Grace", 7)));

        assertThat(read.get("name")).hasToString("Grace");
        assertThat(read.get("count")).isEqualTo(7);
    }

    @Test
    void givenNullRecord_whenSerialized_thenNullBytesAndBack() {
        Serde<Greeting> serde = serdes.specificValue(Greeting.class);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void givenV1BytesFromAnOldWriter_whenReadByTheV2Class_thenAddedOptionalFieldIsNull() {
        byte[] v1Bytes = serdes.genericValue().serializer().serialize(TOPIC, TestSchemas.greetingV1("Old", 1));

        Greeting read = serdes.specificValue(Greeting.class).deserializer().deserialize(TOPIC, v1Bytes);

        assertThat(read.getName()).isEqualTo("Old");
        assertThat(read.getCount()).isEqualTo(1);
        assertThat(read.getLanguage()).isNull();
    }

    @Test
    void givenAutoRegisterOff_whenSchemaNotRegistered_thenErrorSaysToRegisterFirst() {
        Serde<Greeting> serde = new AvroSerdes(registry, AvroSerdeConfig.defaults()).specificValue(Greeting.class);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, TestSchemas.greeting("x", 1, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic shop.order.commands")
                .hasMessageContaining("shop.order.commands-value")
                .hasMessageContaining("register the schema first");
    }

    @Test
    void givenAutoRegisterOff_whenSchemaRegistered_thenItsIdIsUsed() {
        int id = registry.register("shop.order.commands-value", Greeting.getClassSchema());
        Serde<Greeting> serde = new AvroSerdes(registry, AvroSerdeConfig.defaults()).specificValue(Greeting.class);

        assertThat(schemaIdOf(serde.serializer().serialize(TOPIC, TestSchemas.greeting("x", 1, null)))).isEqualTo(id);
    }

    @Test
    void givenRecordNameStrategies_whenSerialized_thenSubjectsFollowConfluentNaming() {
        AvroSerdeConfig recordName = AvroSerdeConfig.autoRegistering()
                .withSubjectNameStrategy(SubjectNameStrategy.RECORD_NAME);
        AvroSerdeConfig topicRecordName = AvroSerdeConfig.autoRegistering()
                .withSubjectNameStrategy(SubjectNameStrategy.TOPIC_RECORD_NAME);
        Greeting greeting = TestSchemas.greeting("x", 1, null);

        new SpecificAvroSerde<>(registry, Greeting.class, recordName, false).serializer().serialize(TOPIC, greeting);
        new SpecificAvroSerde<>(registry, Greeting.class, topicRecordName, false).serializer()
                .serialize(TOPIC, greeting);

        assertThat(registry.idOf("io.eventloom.serde.testing.Greeting", Greeting.getClassSchema())).isPositive();
        assertThat(registry.idOf("shop.order.commands-io.eventloom.serde.testing.Greeting",
                Greeting.getClassSchema())).isPositive();
    }

    @Test
    void givenConfluentStrategyNames_whenParsed_thenShortAndClassNamesAreAccepted() {
        assertThat(SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("RecordNameStrategy")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("topic_name")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThatThrownBy(() -> SubjectNameStrategy.parse("Nope")).hasMessageContaining("unknown subject name");
    }

    @Test
    void givenNoArgSerde_whenUsedBeforeConfigure_thenErrorSaysHowToConfigure() {
        assertThatThrownBy(() -> new SpecificAvroSerde<Greeting>().serializer())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new GenericAvroSerde().configure(Map.of(), false))
                .hasMessageContaining("schema.registry.url");
    }

    private static int schemaIdOf(byte[] bytes) {
        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
