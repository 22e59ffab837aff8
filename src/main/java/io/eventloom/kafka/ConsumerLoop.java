package io.eventloom.kafka;

import io.eventloom.core.Health;
import io.eventloom.core.HealthCheck;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A named daemon thread that polls an assigned consumer and hands each record to a handler, which only
 * {@link #close()} ends: a record that cannot be decoded or handled is logged and skipped, a failing poll is logged
 * and retried with a bounded backoff, and {@link #health()} says when the loop is dead or has been failing.
 */
public final class ConsumerLoop<K, V> implements AutoCloseable {

    /** Handles one record; an exception skips that record only. */
    @FunctionalInterface
    public interface RecordHandler<K, V> {
        void handle(ConsumerRecord<K, V> record);
    }

    /** How long polls may fail (or the thread be stuck) before the loop's health check is down. */
    public static final Duration DEFAULT_DOWN_AFTER = Duration.ofSeconds(5);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final String checkName;
    private final Consumer<K, V> consumer;
    private final Duration pollTimeout;
    private final RecordHandler<K, V> handler;
    private final Runnable afterPoll;
    private final Duration downAfter;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);

    private volatile long lastSuccessNanos = System.nanoTime();
    private volatile boolean failing;
    private volatile String lastError;

    private ConsumerLoop(String checkName, String threadName, Consumer<K, V> consumer, Duration pollTimeout,
                         RecordHandler<K, V> handler, Runnable afterPoll, Duration downAfter) {
        this.checkName = checkName;
        this.consumer = consumer;
        this.pollTimeout = pollTimeout;
        this.handler = handler;
        this.afterPoll = afterPoll;
        this.downAfter = downAfter;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) -> log.error("{} died; {} is down", t.getName(), checkName, e));
    }

    /**
     * Starts polling {@code consumer}, which must already be assigned and positioned; from now on only the loop's
     * thread touches it, and closes it when the loop ends.
     */
    public static <K, V> ConsumerLoop<K, V> start(String checkName, String threadName, Consumer<K, V> consumer,
                                                  Duration pollTimeout, RecordHandler<K, V> handler) {
        return start(checkName, threadName, consumer, pollTimeout, handler, () -> { });
    }

    /** As {@link #start(String, String, Consumer, Duration, RecordHandler)}, running {@code afterPoll} on the
     * loop's thread after each poll's records are handled (it may use the consumer). */
    public static <K, V> ConsumerLoop<K, V> start(String checkName, String threadName, Consumer<K, V> consumer,
                                                  Duration pollTimeout, RecordHandler<K, V> handler,
                                                  Runnable afterPoll) {
        return start(checkName, threadName, consumer, pollTimeout, handler, afterPoll, DEFAULT_DOWN_AFTER);
    }

    static <K, V> ConsumerLoop<K, V> start(String checkName, String threadName, Consumer<K, V> consumer,
                                           Duration pollTimeout, RecordHandler<K, V> handler, Runnable afterPoll,
                                           Duration downAfter) {
        ConsumerLoop<K, V> loop = new ConsumerLoop<>(checkName, threadName, consumer, pollTimeout, handler, afterPoll,
                downAfter);
        loop.thread.start();
        return loop;
    }

    /** Cuts the current poll short, so that {@code afterPoll} runs soon. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Down when the thread has ended, or when no poll has succeeded for a few seconds. */
    public HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return checkName;
            }

            @Override
            public Health check() {
                long ageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSuccessNanos);
                boolean alive = thread.isAlive();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("state", !alive ? "STOPPED" : failing ? "FAILING" : "RUNNING");
                details.put("lastPollAgeMs", ageMillis);
                if (lastError != null) {
                    details.put("lastError", lastError);
                }
                return alive && ageMillis <= downAfter.toMillis() ? Health.up(details) : Health.down(details);
            }
        };
    }

    @Override
    public void close() {
        if (!closing()) {
            closing.countDown();
            consumer.wakeup();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} did not stop within {}", thread.getName(), CLOSE_TIMEOUT);
        }
    }

    private boolean closing() {
        return closing.getCount() == 0;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (!closing()) {
                try {
                    poll().forEach(this::handle);
                    afterPoll.run();
                    succeeded();
                    backoff = FIRST_BACKOFF;
                } catch (WakeupException e) {
                    // Woken outside poll (say, in afterPoll) by someone who wants a round soon; close ends the loop.
                } catch (RecordDeserializationException e) {
                    skipUndecodable(e);
                } catch (RuntimeException e) {
                    failed(e, backoff);
                    if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConsumer();
        }
    }

    private ConsumerRecords<K, V> poll() {
        try {
            return consumer.poll(pollTimeout);
        } catch (WakeupException e) {
            if (closing()) {
                throw e;
            }
            // A wakeup() asked for afterPoll to run now rather than after the poll timeout.
            return ConsumerRecords.empty();
        }
    }

    private void handle(ConsumerRecord<K, V> record) {
        try {
            handler.handle(record);
        } catch (RuntimeException e) {
            lastError = "cannot handle " + where(record.topic(), record.partition(), record.offset()) + ": " + e;
            log.warn("{}: skipping the record at {}", checkName,
                    where(record.topic(), record.partition(), record.offset()), e);
        }
    }

    // Records before the bad one were returned by an earlier poll, so the position is at the bad record now.
    private void skipUndecodable(RecordDeserializationException e) {
        String at = where(e.topicPartition().topic(), e.topicPartition().partition(), e.offset());
        lastError = "cannot decode " + at + ": " + messageOf(e);
        log.warn("{}: skipping the undecodable record at {}: {}", checkName, at, messageOf(e));
        consumer.seek(e.topicPartition(), e.offset() + 1);
        succeeded();
    }

    private void succeeded() {
        lastSuccessNanos = System.nanoTime();
        failing = false;
    }

    private void failed(RuntimeException e, Duration backoff) {
        failing = true;
        lastError = e.toString();
        log.warn("{}: poll failed, retrying in {} ms", checkName, backoff.toMillis(), e);
    }

    private void closeConsumer() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("{}: consumer did not close cleanly", checkName, e);
        }
    }

    private static String where(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static String messageOf(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
