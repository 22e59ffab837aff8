package io.eventloom.core;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the restoring of state stores from their changelogs: logs what is restored and, while it lasts, a
 * progress line every few seconds; keeps the count for health and for tests of what a restart costs, and each
 * store's progress for metrics.
 */
final class RestoreProgress implements StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreProgress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    /** Records restored and to restore for one store partition. */
    private record Partition(String store, long total, long done) {
    }

    private final Map<TopicPartition, Partition> active = new ConcurrentHashMap<>();
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime());
    private final RuntimeMetrics metrics;
    private final Set<String> measured = ConcurrentHashMap.newKeySet();

    RestoreProgress(RuntimeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        long total = Math.max(0, endingOffset - startingOffset);
        active.put(partition, new Partition(store, total, 0));
        if (measured.add(store)) {
            metrics.storeRestore(store, this, progress -> progress.remaining(store),
                    progress -> progress.restored(store));
        }
        if (total > 0) {
            log.info("Restoring store {} from {}: {} records", store, partition, total);
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
        active.computeIfPresent(partition, (p, state) -> new Partition(state.store(), state.total(),
                state.done() + numRestored));
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last > LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            Map<String, Object> progress = progress();
            log.info("Restoring {} store partitions: {} of {} records", active.size(), progress.get("restoredRecords"),
                    progress.get("recordsToRestore"));
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        active.remove(partition);
        if (totalRestored > 0) {
            log.info("Restored store {} from {}: {} records", store, partition, totalRestored);
        }
    }

    /** Records restored by this instance since it started. */
    long restoredRecords() {
        return restored.get();
    }

    /** Records left to restore into the store's partitions being restored now. */
    long remaining(String store) {
        return active.values().stream().filter(partition -> partition.store().equals(store))
                .mapToLong(partition -> Math.max(0, partition.total() - partition.done())).sum();
    }

    /** Records restored so far into the store's partitions being restored now. */
    long restored(String store) {
        return active.values().stream().filter(partition -> partition.store().equals(store))
                .mapToLong(Partition::done).sum();
    }

    /** The stores being restored right now, for health: how many partitions, how far along. */
    Map<String, Object> progress() {
        long total = 0;
        long done = 0;
        for (Partition partition : active.values()) {
            total += partition.total();
            done += partition.done();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restoringPartitions", active.size());
        details.put("restoredRecords", done);
        details.put("recordsToRestore", total);
        return details;
    }
}
