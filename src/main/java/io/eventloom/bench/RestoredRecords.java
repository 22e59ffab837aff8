package io.eventloom.bench;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changelog records Kafka Streams restores, as an interceptor on its restore consumer
 * ({@code restore.consumer.interceptor.classes}).
 *
 * <p>Why not a {@code StateRestoreListener}: {@code KafkaStreams#setGlobalStateRestoreListener} must be called
 * before {@code start()}, and {@code EventloomRuntime.start} creates and starts Kafka Streams in one step; a
 * config is the only way in without changing the runtime. The restore consumer only reads changelogs to restore
 * active tasks (the bench runs no standby replicas and no global stores), so what it returns is what is restored.
 * Kafka creates the interceptor by class name, so the totals are per JVM: one {@link RuntimeProcess}, one runtime.
 */
public final class RestoredRecords implements ConsumerInterceptor<Object, Object> {

    private static final AtomicLong RECORDS = new AtomicLong();
    private static final AtomicLong FIRST_BATCH_NANOS = new AtomicLong(-1);
    private static final AtomicLong LAST_BATCH_NANOS = new AtomicLong(-1);

    /** Restored records so far, and the time from the first restored batch to the last. */
    public record Totals(long records, long millis) {
    }

    public static Totals totals() {
        long first = FIRST_BATCH_NANOS.get();
        long millis = first < 0 ? 0 : (LAST_BATCH_NANOS.get() - first) / 1_000_000;
        return new Totals(RECORDS.get(), millis);
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!records.isEmpty()) {
            long now = System.nanoTime();
            FIRST_BATCH_NANOS.compareAndSet(-1, now);
            LAST_BATCH_NANOS.set(now);
            RECORDS.addAndGet(records.count());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // The restore consumer never commits offsets.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }
}
