package io.eventloom.bench;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Counts the committed records of a results topic, from its beginning or from its end when created, until there is
 * one per command sent. Counting records, not comparing offsets: under exactly-once every transaction leaves a
 * marker that takes an offset but is no record.
 */
final class ResultCounter implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private long count;

    ResultCounter(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, false);
    }

    private ResultCounter(String bootstrapServers, String topic, boolean fromEnd) {
        consumer = CommittedConsumer.of(bootstrapServers, topic, fromEnd);
    }

    /** Counts only the results committed after this call: a second load on a topic that has results already. */
    static ResultCounter fromEnd(String bootstrapServers, String topic) {
        return new ResultCounter(bootstrapServers, topic, true);
    }

    /**
     * Reads until {@code expected} results have been committed; fails when the runtime dies or no result comes
     * for {@link #STALL_TIMEOUT}.
     */
    void await(long expected, BooleanSupplier runtimeAlive, Progress progress) {
        long lastChange = System.nanoTime();
        while (count < expected) {
            int read = consumer.poll(POLL).count();
            count += read;
            if (read > 0) {
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("no new result for " + STALL_TIMEOUT + " at " + count + "/"
                        + expected);
            }
            if (!runtimeAlive.getAsBoolean()) {
                throw new IllegalStateException("runtime died at " + count + "/" + expected + " results");
            }
            progress.update(count);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
