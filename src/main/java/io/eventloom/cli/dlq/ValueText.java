package io.eventloom.cli.dlq;

import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A dead letter's value for a person to read: the Avro record as JSON when the bytes are Confluent wire format and
 * the registry holds their schema, else the bytes in hex with the reason they could not be decoded.
 */
public record ValueText(String format, String text, String undecodedBecause) {

    public static final String JSON = "json";
    public static final String HEX = "hex";

    public static ValueText of(byte[] value, SchemaRegistryClient registry) {
        if (value == null) {
            return new ValueText(HEX, "", "there is no value");
        }
        try {
            WireFormat.Framed framed = WireFormat.parse("dead letter", value);
            Schema writer = registry.schemaById(framed.schemaId());
            ByteBuffer body = framed.body();
            Object record = new GenericDatumReader<>(writer).read(null, DecoderFactory.get()
                    .binaryDecoder(body.array(), body.arrayOffset() + body.position(), body.remaining(), null));
            return new ValueText(JSON, GenericData.get().toString(record), "");
        } catch (Exception e) {
            // Whatever made this record poison may also make it undecodable here; the bytes are the honest answer.
            return new ValueText(HEX, HexFormat.of().formatHex(value), e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }
}
