package io.eventloom.serde;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.function.UnaryOperator;

/** {@link GenericRecord}s in Confluent's wire format; each record is read with its writer's schema. */
public final class GenericAvroSerde implements Serde<GenericRecord> {

    private Serializer<GenericRecord> serializer;
    private Deserializer<GenericRecord> deserializer;

    /** Unconfigured: call {@link #configure} with Confluent's settings ({@code schema.registry.url}, ...). */
    public GenericAvroSerde() {
    }

    public GenericAvroSerde(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        build(client, config, isKey);
    }

    /** Honours {@code schema.registry.url}, {@code auto.register.schemas} and the subject name strategies. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeSettings settings = SerdeSettings.from(configs, isKey);
        if (settings.specificReader()) {
            throw new ConfigException(SerdeSettings.SPECIFIC_AVRO_READER
                    + "=true asks for generated classes: use SpecificAvroSerde instead of GenericAvroSerde");
        }
        build(settings.client(), settings.config(), isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return requireConfigured(serializer);
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return requireConfigured(deserializer);
    }

    private void build(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        serializer = new AvroRecordSerializer<>(client, GenericData.get(), config, isKey);
        deserializer = new AvroRecordDeserializer<>(client, GenericData.get(), UnaryOperator.identity());
    }

    private <S> S requireConfigured(S part) {
        if (part == null) {
            throw new IllegalStateException("GenericAvroSerde is not configured: construct it with a registry client"
                    + " or call configure() with schema.registry.url");
        }
        return part;
    }
}
