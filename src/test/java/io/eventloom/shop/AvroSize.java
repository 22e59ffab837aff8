package io.eventloom.shop;

import io.eventloom.serde.GeneratedClassesData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How many bytes a record takes in Avro binary, as its store or changelog holds it (less the 5-byte wire header). */
public final class AvroSize {

    // The writer is given its model: without one it looks the record's generated class up by name, which Avro allows
    // only under a JVM-wide trust that Eventloom does not install.
    private static final SpecificData MODEL = GeneratedClassesData.of(AvroSize.class.getClassLoader());

    private AvroSize() {
    }

    public static int of(SpecificRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema(), MODEL).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
