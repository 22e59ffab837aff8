package io.eventloom.core;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The largest record the log takes: key, value and headers together, below the smaller of the producer's
 * {@code max.request.size} and the topics' {@code max.message.bytes}. Every record the runtime writes is measured
 * against it before anything is written, because a record the broker refuses would fail the task's transaction
 * again on every retry.
 */
public record RecordLimit(int maxRecordBytes) {

    /** Kafka's defaults: {@code max.request.size} 1 MiB, below the broker's {@code message.max.bytes}. */
    public static final int KAFKA_DEFAULT_BYTES = 1024 * 1024;
    /** A batch header and the varints around one record: what a batch of one record adds to its bytes. */
    static final int BATCH_OVERHEAD_BYTES = 512;
    /** Room left for a key and headers when only a value is measured (ids are at most 1 KiB, see below). */
    static final int KEY_AND_HEADERS_ALLOWANCE_BYTES = 16 * 1024;

    public static final RecordLimit DEFAULT = of(KAFKA_DEFAULT_BYTES);

    public RecordLimit {
        if (maxRecordBytes < 2 * KEY_AND_HEADERS_ALLOWANCE_BYTES) {
            throw new IllegalArgumentException("a record limit of " + maxRecordBytes + " bytes is too small to work with");
        }
    }

    /** The limit for a log whose records may take {@code logLimitBytes} on the wire, batch overhead included. */
    public static RecordLimit of(int logLimitBytes) {
        return new RecordLimit(logLimitBytes - BATCH_OVERHEAD_BYTES);
    }

    /** The bytes a record of this key, value and headers takes, without the batch around it. */
    public static int sizeOf(byte[] key, byte[] value, Headers headers) {
        long size = length(key) + length(value);
        if (headers != null) {
            for (Header header : headers) {
                // Each header's key and value, and up to 5 bytes of varint length for each.
                size += header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value()) + 10;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    public boolean fits(byte[] key, byte[] value, Headers headers) {
        return sizeOf(key, value, headers) <= maxRecordBytes;
    }

    /**
     * The largest value a projection row or a process state may serialize to: half the limit, less room for its
     * key, because a regrouped table row travels to its new group together with its previous value.
     */
    public int maxRowBytes() {
        return maxRecordBytes / 2 - KEY_AND_HEADERS_ALLOWANCE_BYTES;
    }

    /** The largest value a record whose key and headers are small may take. */
    public int maxValueBytes() {
        return maxRecordBytes - KEY_AND_HEADERS_ALLOWANCE_BYTES;
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
