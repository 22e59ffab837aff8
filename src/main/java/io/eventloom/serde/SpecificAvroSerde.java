package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Avro-generated classes in Confluent's wire format; reads old data into the class's (newer) schema. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private Class<T> type;
    private Serializer<T> serializer;
    private Deserializer<T> deserializer;

    /** Unconfigured: call {@link #configure} with Confluent's settings ({@code schema.registry.url}, ...). */
    public SpecificAvroSerde() {
    }

    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type, AvroSerdeConfig config, boolean isKey) {
        this.type = type;
        build(client, config, isKey);
    }

    /**
     * Honours {@code schema.registry.url}, {@code auto.register.schemas} and {@code key.subject.name.strategy} /
     * {@code value.subject.name.strategy}; {@code specific.avro.reader} is implied. Without a class given at
     * construction, the reader's class is the generated class named like the writer's schema.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeSettings settings = SerdeSettings.from(configs, isKey);
        build(settings.client(), settings.config(), isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return requireConfigured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return requireConfigured(deserializer);
    }

    private void build(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        SpecificData model = type == null
                ? GeneratedClassesData.of(SpecificAvroSerde.class.getClassLoader())
                : GeneratedClassesData.of(type);
        serializer = new AvroRecordSerializer<>(client, model, config, isKey);
        deserializer = new AvroRecordDeserializer<>(client, model, readerSchema(model));
    }

    private UnaryOperator<Schema> readerSchema(SpecificData model) {
        if (type != null) {
            Schema schema = model.getSchema(type);
            return writer -> schema;
        }
        return writer -> {
            Class<?> generated = model.getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new IllegalArgumentException("no generated Avro class " + writer.getFullName()
                        + " on the classpath to read it into");
            }
            return model.getSchema(generated);
        };
    }

    private <S> S requireConfigured(S part) {
        if (part == null) {
            throw new IllegalStateException("SpecificAvroSerde is not configured: construct it with a registry client"
                    + " or call configure() with schema.registry.url");
        }
        return part;
    }
}
