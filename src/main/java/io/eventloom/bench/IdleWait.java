package io.eventloom.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waits until a runtime is idle: the input offsets its application has committed stay unchanged for a quiet
 * period. Every command having its result is not enough: the projections read the events after the commands are
 * done, and a kill while they catch up would measure a crash under load, not a crash at rest.
 */
final class IdleWait implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Admin admin;
    private final String applicationId;

    IdleWait(String bootstrapServers, String applicationId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.applicationId = applicationId;
    }

    /**
     * Returns once the committed offsets have not moved for {@code quiet}, with how long after the call they last
     * moved (to within a poll); fails when the runtime dies first.
     */
    Duration await(Duration quiet, BooleanSupplier runtimeAlive, PrintStream log, String label)
            throws InterruptedException {
        long started = System.nanoTime();
        long lastProgress = started;
        Map<TopicPartition, Long> last = Map.of();
        long lastChange = started;
        while (true) {
            if (!runtimeAlive.getAsBoolean()) {
                throw new IllegalStateException("runtime died while the bench waited for it to go idle");
            }
            Map<TopicPartition, Long> committed = committedOffsets();
            long now = System.nanoTime();
            if (!committed.equals(last)) {
                last = committed;
                lastChange = now;
            } else if (!committed.isEmpty() && now - lastChange >= quiet.toNanos()) {
                return Duration.ofNanos(lastChange - started);
            }
            if (now - started > TIMEOUT.toNanos()) {
                throw new IllegalStateException("runtime still busy after " + TIMEOUT);
            }
            if (now - lastProgress >= PROGRESS_INTERVAL.toNanos()) {
                lastProgress = now;
                log.printf("[%s] waiting until idle: %,d input records not yet committed%n", label, lag(committed));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<TopicPartition, Long> committedOffsets() throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + applicationId, e.getCause());
        }
    }

    // Roughly: under exactly-once, a transaction marker also takes an offset, so an idle input may show a few.
    private long lag(Map<TopicPartition, Long> committed) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            var ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream()
                    .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue())).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets", e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
