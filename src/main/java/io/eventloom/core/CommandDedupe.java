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
 * Entries past the retention are swept away a slice at a time, on wall-clock time, in rounds over the whole store.
 *
 * <p>A stored value is the processing time (8 bytes, big-endian milliseconds) and the {@link ProcessedCommand}.
 */
final class CommandDedupe {

    /** How many entries one sweep looks at: enough to keep up, little enough to keep a commit short. */
    static final int SWEEP_SLICE = 5_000;
    /**
     * The retention divided by this is the shortest rest between two rounds: an expired entry is deleted at most that
     * much (and one round) late, and under steady traffic a round runs once per rest instead of all the time.
     */
    static final long REST_DIVISOR = 100;

    private final KeyValueStore<String, byte[]> store;
    private final Serde<ProcessedCommand> serde;
    private final String changelog;
    private final Duration retention;
    private String cursor;
    // The older of the round's start and its oldest entry kept so far: no entry the round has not seen is older.
    private long oldestKept;
    private Instant restUntil = Instant.EPOCH;

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
        if (stored == null || processedAt(stored) < expiredBefore(now)) {
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

    /**
     * Deletes the expired entries among the next slice of keys, going round the store over successive sweeps. After a
     * whole round it rests until the oldest entry it kept expires, and for at least the retention divided by
     * {@link #REST_DIVISOR}, so that a store of entries that are all young is not read over and over.
     *
     * @return how many entries this sweep looked at
     */
    int sweep(Instant now) {
        if (now.isBefore(restUntil)) {
            return 0;
        }
        if (cursor == null) {
            oldestKept = now.toEpochMilli();
        }
        long expiredBefore = expiredBefore(now);
        List<String> expired = new ArrayList<>();
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, byte[]> entries = cursor == null ? store.all() : store.range(cursor, null)) {
            while (entries.hasNext() && seen < SWEEP_SLICE) {
                KeyValue<String, byte[]> entry = entries.next();
                seen++;
                last = entry.key;
                long processedAt = processedAt(entry.value);
                if (processedAt < expiredBefore) {
                    expired.add(entry.key);
                } else {
                    oldestKept = Math.min(oldestKept, processedAt);
                }
            }
            // A slice that ended before the store did resumes after its last key; otherwise the round is over.
            cursor = entries.hasNext() && last != null ? last + '\u0000' : null;
        }
        expired.forEach(store::delete);
        if (cursor == null) {
            // Every entry the round did not see was written after it began, so none expires before the older of the
            // round's start and its oldest kept entry. An entry written with a clock behind that waits one rest more:
            // find() never returns an expired entry, the sweep only bounds the store's size.
            Instant minimumRest = now.plus(retention.dividedBy(REST_DIVISOR));
            // An entry expires from the millisecond after its processing time plus the retention.
            Instant firstExpiry = Instant.ofEpochMilli(oldestKept).plus(retention).plusMillis(1);
            restUntil = firstExpiry.isAfter(minimumRest) ? firstExpiry : minimumRest;
        }
        return seen;
    }

    private static long processedAt(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, Long.BYTES).getLong();
    }

    // Entries processed before this millisecond are past the retention at now.
    private long expiredBefore(Instant now) {
        return now.minus(retention).toEpochMilli();
    }
}
