package io.eventloom.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * One open-loop run: commands sent on a fixed schedule whatever the answers, each answer seen on a read_committed
 * consumer of the output topic and matched to its command by id. A latency runs from the command's scheduled send
 * time (not the moment it was sent, so a stalled sender cannot hide a stalled system) to its answer; commands
 * scheduled in the warm-up are answered but not counted.
 */
final class OpenLoopRun {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private final String bootstrapServers;
    private final Progress.Factory progress;

    OpenLoopRun(String bootstrapServers, Progress.Factory progress) {
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
    }

    /** Runs {@code target} at {@code rate} commands per second, keys from {@code keys}; {@code run} names the ids. */
    <V> LatencyRun run(OpenLoopTarget<V> target, String run, int rate, Duration commitInterval, int round,
                       Duration warmup, Duration measured, LongFunction<String> keys) throws InterruptedException {
        long warmupCount = rate * warmup.toMillis() / 1000;
        long total = warmupCount + rate * measured.toMillis() / 1000;
        String prefix = run + "-";
        AtomicLongArray scheduled = new AtomicLongArray((int) total);
        Histogram latencies = LatencySummary.histogram();
        AtomicLong answered = new AtomicLong();
        BacklogTrend backlog = new BacklogTrend(rate);
        try (TopicTail answers = TopicTail.start(bootstrapServers, target.outputTopic(),
                record -> answer(record, target, prefix, scheduled, warmupCount, latencies, answered))) {
            send(target, prefix, rate, total, warmupCount, keys, scheduled, answered, backlog, answers);
            drain(target, total, answered, answers);
        }
        LatencySummary summary;
        synchronized (latencies) {
            summary = LatencySummary.of(latencies);
        }
        boolean keptUp = answered.get() == total && backlog.keptUp();
        return new LatencyRun(target.system(), rate, commitInterval, round, total, answered.get(), summary,
                backlog.growth(), keptUp);
    }

    private <V> void send(OpenLoopTarget<V> target, String prefix, int rate, long total, long warmupCount,
                          LongFunction<String> keys, AtomicLongArray scheduled, AtomicLong answered,
                          BacklogTrend backlog, TopicTail answers) {
        Progress sent = progress.create(target.system().label() + " " + rate + "/s: sent", total);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // Each command leaves at its time: batching would add up to linger.ms to every latency.
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), target.serializer())) {
            AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();
            double interval = 1e9 / rate;
            long start = System.nanoTime();
            long nextSample = start + warmupCount * (long) interval + SAMPLE_INTERVAL.toNanos();
            for (long i = 0; i < total; i++) {
                long at = start + (long) (i * interval);
                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                scheduled.set((int) i, at);
                String key = keys.apply(i);
                producer.send(new ProducerRecord<>(target.inputTopic(), key, target.command().apply(prefix + i, key)),
                        (metadata, error) -> {
                            if (error != null) {
                                sendFailure.compareAndSet(null, new IllegalStateException("send failed", error));
                            }
                        });
                if (System.nanoTime() >= nextSample) {
                    backlog.sample(i + 1, answered.get());
                    nextSample += SAMPLE_INTERVAL.toNanos();
                }
                sent.update(i + 1);
                throwIfFailed(target, answers);
                if (sendFailure.get() != null) {
                    throw sendFailure.get();
                }
            }
        }
    }

    // Waits for the last answers; a system that cannot keep up may never give them all within the timeout.
    private static void drain(OpenLoopTarget<?> target, long total, AtomicLong answered, TopicTail answers)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (answered.get() < total && System.nanoTime() < deadline) {
            throwIfFailed(target, answers);
            Thread.sleep(DRAIN_POLL.toMillis());
        }
    }

    private static void throwIfFailed(OpenLoopTarget<?> target, TopicTail answers) {
        answers.failure().ifPresent(e -> {
            throw new IllegalStateException("reading the answers failed", e);
        });
        if (!target.alive().getAsBoolean()) {
            throw new IllegalStateException(target.system().label() + " died during the latency run");
        }
    }

    // Matches an answer to its command by id and times it from the command's scheduled send.
    private static void answer(ConsumerRecord<byte[], byte[]> record, OpenLoopTarget<?> target, String prefix,
                               AtomicLongArray scheduled, long warmupCount, Histogram latencies,
                               AtomicLong answered) {
        long now = System.nanoTime();
        String id = target.answerId().apply(record.value());
        if (!id.startsWith(prefix)) {
            return;
        }
        int index = Integer.parseInt(id.substring(prefix.length()));
        if (index >= warmupCount) {
            synchronized (latencies) {
                LatencySummary.recordNanos(latencies, now - scheduled.get(index));
            }
        }
        answered.incrementAndGet();
    }
}
