package io.eventloom.core;

import io.eventloom.core.avro.ProcessedCommand;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The commands an aggregate type processed within the retention, by dedupe key. A key-value store rather than a
 * window store: Kafka Streams keeps a key-value store's committed changelog offset with its data, so after a crash
 * it resumes from there instead of restoring everything (and it never expires entries by a record's timestamp).
 * Entries past the retention are swept away a slice at a time, on wall-clock time.
 *
 * <p>A stored value is the processing time (8 bytes, big-endian milliseconds) and the {@link ProcessedCommand}.
 */
final class CommandDedupe {

    /** How many entries one sweep looks at: enough to keep up, little enough to keep a commit short. */
    static final int SWEEP_SLICE = 5_000;

    private final KeyValueStore<String, byte[]> store;
    private final Serde<ProcessedCommand> serde;
    private final String changelog;
    private final Duration retention;
    private String cursor;

    CommandDedupe(KeyValueStore<String, byte[]> store, Serde<ProcessedCommand> serde, String changelog,
                  Duration retention) {
        this.store = store;
        this.serde = serde;
        this.changelog = changelog;
        this.retention = retention;
    }

    /** The entry for this key if it was processed within the retention. */
    Optional<ProcessedCommand> find(String key, Instant now) {
        byte[] stored = store.get(key);
        if (stored == null || expired(stored, now)) {
            return Optional.empty();
        }
        return Optional.of(serde.deserializer().deserialize(changelog, Arrays.copyOfRange(stored, Long.BYTES,
                stored.length)));
    }

    /** The bytes {@link #remember} stores for an entry, so the caller can measure them first. */
    byte[] encode(ProcessedCommand entry, Instant now) {
        byte[] body = serde.serializer().serialize(changelog, entry);
        return ByteBuffer.allocate(Long.BYTES + body.length).putLong(now.toEpochMilli()).put(body).array();
    }

    void remember(String key, byte[] encoded) {
        store.put(key, encoded);
    }

    /** Deletes the expired entries among the next slice of keys, going round the store over successive sweeps. */
    void sweep(Instant now) {
        List<String> expired = new ArrayList<>();
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, byte[]> entries = cursor == null ? store.all() : store.range(cursor, null)) {
            while (entries.hasNext() && seen < SWEEP_SLICE) {
                KeyValue<String, byte[]> entry = entries.next();
                seen++;
                last = entry.key;
                if (expired(entry.value, now)) {
                    expired.add(entry.key);
                }
            }
            // A slice that ended before the store did resumes after its last key; otherwise start over.
            cursor = entries.hasNext() && last != null ? last + '\u0000' : null;
        }
        expired.forEach(store::delete);
    }

    private boolean expired(byte[] stored, Instant now) {
        long processedAt = ByteBuffer.wrap(stored, 0, Long.BYTES).getLong();
        return processedAt < now.minus(retention).toEpochMilli();
    }
}
