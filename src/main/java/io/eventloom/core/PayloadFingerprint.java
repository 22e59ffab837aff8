package io.eventloom.core;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a command asks for, as a SHA-256 digest: its payload's type and fields and its expected version. Two sends
 * with one idempotency key and equal fingerprints are a retry; unequal ones reuse the key for another request.
 * The payload is encoded as Avro binary with map entries in key order, so equal payloads always hash alike.
 */
final class PayloadFingerprint {

    // A writer per payload type and a digest per thread: making them showed in every command's profile.
    private static final Map<Schema, SortedMapWriter> WRITERS = new ConcurrentHashMap<>();
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(PayloadFingerprint::sha256);

    private PayloadFingerprint() {
    }

    static byte[] of(SpecificRecord payload, OptionalLong expectedVersion) {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            out.write(payload.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            WRITERS.computeIfAbsent(payload.getSchema(), SortedMapWriter::new).write(payload, encoder);
            encoder.writeBoolean(expectedVersion.isPresent());
            if (expectedVersion.isPresent()) {
                encoder.writeLong(expectedVersion.getAsLong());
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint a " + payload.getSchema().getName(), e);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Avro's writer, but with a map's entries in key order rather than the map's own iteration order. */
    private static final class SortedMapWriter extends SpecificDatumWriter<Object> {

        SortedMapWriter(Schema schema) {
            super(schema, SpecificData.get());
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Iterable<Map.Entry<Object, Object>> getMapEntries(Object map) {
            List<Map.Entry<Object, Object>> entries = new ArrayList<>(((Map<Object, Object>) map).entrySet());
            entries.sort(Comparator.comparing(entry -> entry.getKey().toString()));
            return entries;
        }
    }
}
