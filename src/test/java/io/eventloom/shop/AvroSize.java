package io.eventloom.shop;

import io.eventloom.serde.GeneratedTypesTrust;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How many bytes a record takes in Avro binary, as its store or changelog holds it (less the 5-byte wire header). */
public final class AvroSize {

    static {
        // The writer looks generated classes up by name, which Avro refuses until the runtime's rule trusts them.
        GeneratedTypesTrust.install();
    }

    private AvroSize() {
    }

    public static int of(SpecificRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
