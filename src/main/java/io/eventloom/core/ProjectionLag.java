package io.eventloom.core;

import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far behind each projection is, as Kafka sees the consumer group of the application that computes it: the
 * offsets of its input topics past what the group has committed, and the age of the oldest record among them. Kafka
 * is asked when a gauge is read, at most once a second for every projection together; the clients are made at the
 * first look, so a runtime nobody scrapes makes none.
 */
final class ProjectionLag implements AutoCloseable {

    /** Where a projection is computed: its application's consumer group and the topics that group reads for it. */
    record Inputs(String group, Set<String> topics) {
    }

    /** One projection's lag; NaN while Kafka cannot be asked. */
    record Lag(double records, double seconds) {
        static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN);
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PROBE_TIME = Duration.ofSeconds(1);
    private static final Duration PROBE_POLL = Duration.ofMillis(100);

    private final KafkaClientSettings kafka;
    private final List<String> projections;
    private final Function<String, Inputs> inputs;
    private Admin admin;
    private GroupOffsets offsets;
    private Consumer<byte[], byte[]> probe;
    private Map<String, Lag> last = Map.of();
    private Instant lastLook = Instant.EPOCH;
    private boolean failing;
    private boolean closed;

    /** @param inputs per projection, where it is computed now (a rebuilt generation is computed by its own group) */
    private ProjectionLag(KafkaClientSettings kafka, List<String> projections, Function<String, Inputs> inputs) {
        this.kafka = kafka;
        this.projections = List.copyOf(projections);
        this.inputs = inputs;
    }

    /**
     * The runtime's projections, each measured on the group of the generation that is read: for generation 1 the
     * runtime's application that computes it, a rebuilt generation's own after the switch.
     */
    static ProjectionLag of(RuntimeSettings runtime, Domain domain, TopicNames names,
                            ProjectionGenerations generations) {
        Map<String, ProjectionType<?>> projections = new LinkedHashMap<>();
        domain.projections().forEach(projection -> projections.put(projection.name(), projection));
        return new ProjectionLag(runtime.clients(), List.copyOf(projections.keySet()), name -> {
            int live = generations.of(name).live();
            String group = ProjectionGeneration.groupOf(runtime, name, live);
            return new Inputs(group, ProjectionTopology.inputTopics(projections.get(name), names, group));
        });
    }

    synchronized Lag of(String projection) {
        Instant now = Instant.now();
        if (!closed && !now.isBefore(lastLook.plus(FRESH_FOR))) {
            last = look(now);
            lastLook = now;
        }
        return last.getOrDefault(projection, Lag.UNKNOWN);
    }

    /**
     * A projection's lag from what Kafka said: every offset past the group's commit counts (a transaction marker
     * too: Kafka Streams commits past the markers it has read, so an idle group's count is 0), and the age is that of
     * the oldest record not processed yet, 0 when there is none.
     *
     * @param oldest per lagging partition, the timestamp of its first record past the commit, where there is one
     */
    static Lag lag(Set<TopicPartition> partitions, Map<TopicPartition, Long> ends,
                   Map<TopicPartition, Long> committed, Map<TopicPartition, Long> oldest, Instant now) {
        long records = 0;
        long oldestMillis = now.toEpochMilli();
        for (TopicPartition partition : partitions) {
            long behind = Math.max(0, ends.getOrDefault(partition, 0L) - committed.getOrDefault(partition, 0L));
            records += behind;
            if (behind > 0 && oldest.containsKey(partition)) {
                oldestMillis = Math.min(oldestMillis, oldest.get(partition));
            }
        }
        return new Lag(records, (now.toEpochMilli() - oldestMillis) / 1000.0);
    }

    private Map<String, Lag> look(Instant now) {
        try {
            Map<String, Lag> lags = lags(now);
            if (failing) {
                log.info("Projection lag can be read from Kafka again");
                failing = false;
            }
            return lags;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            if (!failing) {
                log.warn("Projection lag cannot be read from Kafka; its gauges read NaN until it can", e);
                failing = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of();
    }

    private Map<String, Lag> lags(Instant now) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Inputs> where = new LinkedHashMap<>();
        projections.forEach(projection -> where.put(projection, inputs.apply(projection)));
        Map<String, Set<TopicPartition>> read = new HashMap<>();
        for (Map.Entry<String, Inputs> entry : where.entrySet()) {
            read.put(entry.getKey(), offsets().partitionsOf(entry.getValue().topics()));
        }
        // Usually one group; during a rebuild, the new generation's too.
        Map<String, Set<TopicPartition>> byGroup = new HashMap<>();
        where.forEach((projection, input) -> byGroup.computeIfAbsent(input.group(), group -> new HashSet<>())
                .addAll(read.get(projection)));
        Map<TopicPartition, Long> ends = offsets().ends(read.values().stream().flatMap(Set::stream)
                .collect(Collectors.toSet()));
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> oldest = new HashMap<>();
        for (Map.Entry<String, Set<TopicPartition>> group : byGroup.entrySet()) {
            Map<TopicPartition, Long> groupOffsets = offsets().committed(group.getKey());
            Map<TopicPartition, Long> behind = new HashMap<>();
            group.getValue().forEach(partition -> {
                long from = groupOffsets.getOrDefault(partition, 0L);
                if (ends.getOrDefault(partition, 0L) > from) {
                    behind.put(partition, from);
                }
            });
            committed.put(group.getKey(), groupOffsets);
            oldest.put(group.getKey(), oldestRecords(behind, ends));
        }
        Map<String, Lag> lags = new HashMap<>();
        where.forEach((projection, input) -> lags.put(projection, lag(read.get(projection), ends,
                committed.get(input.group()), oldest.get(input.group()), now)));
        return lags;
    }

    /**
     * The timestamp of the first record at or after each offset: read from there until each partition gave one, or
     * showed it has only transaction markers left, or the probe's time is up.
     */
    private Map<TopicPartition, Long> oldestRecords(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (from.isEmpty()) {
            return found;
        }
        Consumer<byte[], byte[]> consumer = probe();
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        Set<TopicPartition> open = new HashSet<>(from.keySet());
        long deadline = System.nanoTime() + PROBE_TIME.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(PROBE_POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (open.remove(partition)) {
                    found.put(partition, record.timestamp());
                }
            }
            open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            consumer.pause(from.keySet().stream().filter(partition -> !open.contains(partition)).toList());
        }
        consumer.assign(List.of());
        return found;
    }

    private GroupOffsets offsets() {
        if (admin == null) {
            admin = Admin.create(kafka.admin("lag-admin", Map.of()));
            offsets = new GroupOffsets(admin, TIMEOUT);
        }
        return offsets;
    }

    private Consumer<byte[], byte[]> probe() {
        if (probe == null) {
            probe = new KafkaConsumer<>(kafka.consumer("lag-probe", Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // One record per partition is all a look needs.
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024)),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return probe;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(TIMEOUT);
        }
        if (probe != null) {
            probe.close();
        }
    }
}
