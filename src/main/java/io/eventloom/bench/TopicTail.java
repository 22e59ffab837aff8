package io.eventloom.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a topic's committed records on a thread of its own, from the topic's end when created, handing each to a
 * listener the moment it is polled: how the bench sees an answer as soon as a client could.
 */
final class TopicTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private TopicTail(KafkaConsumer<byte[], byte[]> consumer, Consumer<ConsumerRecord<byte[], byte[]>> listener,
                      String topic) {
        this.consumer = consumer;
        this.thread = new Thread(() -> {
            try {
                while (running) {
                    consumer.poll(POLL).forEach(listener);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-tail-" + topic);
        thread.setDaemon(true);
    }

    /** Starts reading after the records {@code topic} holds now: only what is committed after this call is seen. */
    static TopicTail start(String bootstrapServers, String topic, Consumer<ConsumerRecord<byte[], byte[]>> listener) {
        KafkaConsumer<byte[], byte[]> consumer = CommittedConsumer.of(bootstrapServers, topic, true);
        TopicTail tail = new TopicTail(consumer, listener, topic);
        tail.thread.start();
        return tail;
    }

    /** What stopped the reader (a listener that threw, a consumer error), if anything did. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        consumer.close();
    }
}
