package io.eventloom.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
            // A seek is lazy: fix the positions now, so that results committed after this call are all counted.
            partitions.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(partitions);
        }
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
