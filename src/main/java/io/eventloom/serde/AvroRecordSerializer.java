package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Writes an Avro record in Confluent's wire format, registering or looking up its schema first. */
final class AvroRecordSerializer<T extends GenericContainer> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final GenericData model;
    private final AvroSerdeConfig config;
    private final boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    AvroRecordSerializer(SchemaRegistryClient registry, GenericData model, AvroSerdeConfig config, boolean isKey) {
        this.registry = registry;
        this.model = model;
        this.config = config;
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = config.subjectNameStrategy().subject(topic, isKey, schema);
        int id = schemaId(topic, subject, schema);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
        try {
            writers.computeIfAbsent(schema, this::writerFor).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("topic " + topic + ": cannot write " + schema.getFullName()
                    + " as Avro: " + e.getMessage(), e);
        }
        return WireFormat.frame(id, body.toByteArray());
    }

    private int schemaId(String topic, String subject, Schema schema) {
        try {
            return config.autoRegister() ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            String hint = config.autoRegister() || !e.isNotFound() ? ""
                    : "; auto-registration is off, so register the schema first";
            throw new SerializationException("topic " + topic + ": schema " + schema.getFullName()
                    + " not usable under subject " + subject + ": " + e.getMessage() + hint, e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(Schema schema) {
        return (DatumWriter<Object>) model.createDatumWriter(schema);
    }
}
