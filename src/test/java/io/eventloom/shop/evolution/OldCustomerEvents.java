package io.eventloom.shop.evolution;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Customer events as the first released schema wrote them ({@code schema-history/.../CustomerEventEnvelope.v1.avsc}):
 * their Avro bodies are committed under {@code src/test/resources/evolution/customer/}, and the tests read those
 * bytes. {@link #main} wrote them, once, with the released schema alone:
 * {@code java -cp target/test-classes:<test classpath> io.eventloom.shop.evolution.OldCustomerEvents}.
 */
public final class OldCustomerEvents {

    public static final String CUSTOMER = "legacy-customer";
    public static final String REGISTERED = "evolution/customer/legacy-customer.v1.registered.avro";
    public static final String EMAIL_CHANGED = "evolution/customer/legacy-customer.v1.email-changed.avro";
    public static final String SCHEMA = "schema-history/shop/customer/CustomerEventEnvelope.v1.avsc";

    private OldCustomerEvents() {
    }

    /** The released schema these bytes were written with, as the registry held it. */
    public static Schema schema() {
        return new Schema.Parser().parse(new String(resource(SCHEMA), StandardCharsets.UTF_8));
    }

    /** The committed Avro body (no wire-format header: the registry gives the id when the test registers it). */
    public static byte[] body(String resource) {
        return resource(resource);
    }

    public static void main(String[] args) throws IOException {
        Schema envelope = schema();
        Schema payload = envelope.getField("payload").schema();
        GenericRecord registered = new GenericData.Record(payload.getTypes().get(0));
        registered.put("name", "Grace Hopper");
        registered.put("email", "grace@example.com");
        GenericRecord changed = new GenericData.Record(payload.getTypes().get(1));
        changed.put("email", "grace@navy.example");
        changed.put("previousEmail", "grace@example.com");
        Path dir = Path.of("src/test/resources");
        Files.write(dir.resolve(REGISTERED), encode(envelope(envelope, 1, registered)));
        Files.write(dir.resolve(EMAIL_CHANGED), encode(envelope(envelope, 2, changed)));
    }

    private static GenericRecord envelope(Schema schema, long version, GenericRecord payload) {
        GenericRecord envelope = new GenericData.Record(schema);
        envelope.put("eventId", "legacy-event-" + version);
        envelope.put("aggregateId", CUSTOMER);
        envelope.put("version", version);
        envelope.put("occurredAt", Instant.parse("2025-03-0" + version + "T09:00:00Z").toEpochMilli());
        envelope.put("commandId", "legacy-command-" + version);
        envelope.put("correlationId", "legacy-correlation");
        envelope.put("causationId", "legacy-command-" + version);
        envelope.put("payload", payload);
        return envelope;
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = OldCustomerEvents.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
