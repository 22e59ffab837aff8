package io.eventloom.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary body. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** A framed payload taken apart: the writer's schema id and the Avro body. */
    public record Framed(int schemaId, ByteBuffer body) {
    }

    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBody.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBody).array();
    }

    /** Splits the header from the body; the topic only serves the error message. */
    public static Framed parse(String topic, byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new SerializationException("topic " + topic + ": record of " + bytes.length
                    + " bytes is too short for the Confluent wire format (magic byte + 4-byte schema id)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("topic " + topic + ": unknown magic byte " + magic
                    + ", expected " + MAGIC_BYTE + " (not Confluent wire format)");
        }
        int schemaId = buffer.getInt();
        return new Framed(schemaId, buffer.slice());
    }
}
