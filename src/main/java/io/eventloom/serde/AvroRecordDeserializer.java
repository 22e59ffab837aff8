package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Reads Confluent wire format: the writer's schema comes from the registry by id, the reader's schema from
 * {@code readerSchemaOf}, and Avro's schema resolution bridges the two, so old data decodes into newer types.
 */
final class AvroRecordDeserializer<T> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final GenericData model;
    private final UnaryOperator<Schema> readerSchemaOf;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** {@code readerSchemaOf} maps a writer's schema to the schema to read it as (or IllegalArgumentException). */
    AvroRecordDeserializer(SchemaRegistryClient registry, GenericData model, UnaryOperator<Schema> readerSchemaOf) {
        this.registry = registry;
        this.model = model;
        this.readerSchemaOf = readerSchemaOf;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        WireFormat.Framed framed = WireFormat.parse(topic, bytes);
        DatumReader<T> reader = readerFor(topic, framed.schemaId());
        ByteBuffer body = framed.body();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                body.array(), body.arrayOffset() + body.position(), body.remaining(), null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("topic " + topic + ": Avro body for schema id " + framed.schemaId()
                    + " is truncated, malformed or not readable as the reader's schema (" + e + ")", e);
        }
    }

    private DatumReader<T> readerFor(String topic, int schemaId) {
        DatumReader<T> cached = readers.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("topic " + topic + ": writer schema id " + schemaId
                    + " cannot be fetched from the registry: " + e.getMessage(), e);
        }
        Schema readerSchema;
        try {
            readerSchema = readerSchemaOf.apply(writer);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("topic " + topic + ": schema id " + schemaId + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        DatumReader<T> reader = (DatumReader<T>) model.createDatumReader(writer, readerSchema);
        readers.putIfAbsent(schemaId, reader);
        return reader;
    }
}
