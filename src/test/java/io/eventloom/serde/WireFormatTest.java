package io.eventloom.serde;

import io.eventloom.registry.Compatibility;
import io.eventloom.serde.testing.Greeting;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    /**
     * Greeting v1 {name: "hi", count: 1} under schema id 7, checked by hand: magic 00, id 00000007 big-endian,
     * then Avro binary: string length 2 as zig-zag varint 04, "hi" = 68 69, int 1 as zig-zag varint 02.
     */
    private static final String GREETING_HI_1_ID_7 = "00" + "00000007" + "04" + "6869" + "02";
    /**
     * Greeting v2 {name: "hi", count: 1, language: "en"} under schema id 7: as above, then the union branch index 1
     * (["null", "string"]) as zig-zag varint 02, the string length 2 as 04, and "en" = 65 6e.
     */
    private static final String GREETING_V2_HI_1_EN_ID_7 =
            "00" + "00000007" + "04" + "6869" + "02" + "02" + "04" + "656e";
    private static final String TOPIC = "wire.test";

    private final GenericAvroSerde serde = new GenericAvroSerde(
            new FixedIdRegistry(7, TestSchemas.GREETING_V1), AvroSerdeConfig.defaults(), false);

    @Test
    void givenKnownRecordAndId_whenSerialized_thenBytesAreExactlyTheHandCheckedFixture() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSchemas.greetingV1("hi", 1));

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GREETING_HI_1_ID_7);
    }

    @Test
    void givenFixtureBytes_whenDeserialized_thenFieldsAreRead() {
        GenericRecord record = serde.deserializer().deserialize(TOPIC, HexFormat.of().parseHex(GREETING_HI_1_ID_7));

        assertThat(record.get("name")).hasToString("hi");
        assertThat(record.get("count")).isEqualTo(1);
    }

    @Test
    void givenGeneratedClassWithOptionalField_whenSerialized_thenUnionBranchIsEncodedAsConfluentClientsExpect() {
        SpecificAvroSerde<Greeting> specific = new SpecificAvroSerde<>(
                new FixedIdRegistry(7, Greeting.getClassSchema()), Greeting.class, AvroSerdeConfig.defaults(), false);

        byte[] bytes = specific.serializer().serialize(TOPIC, TestSchemas.greeting("hi", 1, "en"));

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GREETING_V2_HI_1_EN_ID_7);
        assertThat(specific.deserializer().deserialize(TOPIC, bytes)).isEqualTo(TestSchemas.greeting("hi", 1, "en"));
    }

    @Test
    void givenWrongMagicByte_whenDeserialized_thenErrorNamesTopicAndMagicByte() {
        byte[] bytes = HexFormat.of().parseHex("01" + GREETING_HI_1_ID_7.substring(2));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic wire.test").hasMessageContaining("unknown magic byte 1");
    }

    @Test
    void givenFewerBytesThanTheHeader_whenDeserialized_thenErrorSaysTooShort() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[]{0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic wire.test").hasMessageContaining("too short");
    }

    @Test
    void givenUnknownSchemaId_whenDeserialized_thenErrorNamesTheId() {
        byte[] bytes = HexFormat.of().parseHex("00" + "00000063" + "04686902");

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic wire.test").hasMessageContaining("schema id 99");
    }

    @Test
    void givenTruncatedBody_whenDeserialized_thenErrorSaysTruncated() {
        byte[] bytes = HexFormat.of().parseHex(GREETING_HI_1_ID_7.substring(0, GREETING_HI_1_ID_7.length() - 4));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic wire.test").hasMessageContaining("truncated");
    }

    /** A registry that knows exactly one schema, under a chosen id. */
    private record FixedIdRegistry(int id, Schema schema) implements SchemaRegistryClient {
        @Override
        public OptionalInt versionOf(String subject, int schemaId) {
            return schemaId == id ? OptionalInt.of(1) : OptionalInt.empty();
        }

        @Override
        public int register(String subject, Schema s) {
            return idOf(subject, s);
        }

        @Override
        public int idOf(String subject, Schema s) {
            if (!s.equals(schema)) {
                throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "unknown schema");
            }
            return id;
        }

        @Override
        public Schema schemaById(int requested) {
            if (requested != id) {
                throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                        "Schema " + requested + " not found");
            }
            return schema;
        }

        @Override
        public void setCompatibility(String subject, Compatibility level) {
            throw new UnsupportedOperationException("the wire format needs no compatibility levels");
        }

        @Override
        public List<String> compatibilityProblems(String subject, Schema s) {
            throw new UnsupportedOperationException("the wire format needs no compatibility checks");
        }
    }
}
