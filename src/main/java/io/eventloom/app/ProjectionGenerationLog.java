package io.eventloom.app;

import io.eventloom.core.ProjectionGeneration;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The projection-generations topic: one compacted partition keyed by projection name, each value a
 * {@link ProjectionGeneration} as text; the latest per projection is its state, and no record means generation 1.
 */
final class ProjectionGenerationLog {

    private static final Duration POLL = Duration.ofMillis(200);

    private ProjectionGenerationLog() {
    }

    /** A consumer of the topic, assigned and at its beginning, that only the caller uses. */
    static Consumer<String, String> consumer(KafkaClientSettings kafka, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer("projection-generations",
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(),
                new StringDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    /**
     * Hands every record up to the topic's current end to {@code apply}, in order.
     *
     * @throws TimeoutException when the end is not reached in time (Kafka unreachable)
     */
    static void readToEnd(Consumer<String, String> consumer, BiConsumer<String, ProjectionGeneration> apply,
                          Duration timeout) throws TimeoutException {
        TopicPartition partition = consumer.assignment().iterator().next();
        Instant deadline = Instant.now().plus(timeout);
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        while (consumer.position(partition, timeout) < end) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("did not read " + partition + " to its end (" + end + ") within "
                        + timeout);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                apply.accept(record.key(), generation(record));
            }
        }
    }

    /** The state of one record: a deleted projection's record (no value) puts it back to generation 1. */
    static ProjectionGeneration generation(ConsumerRecord<String, String> record) {
        return record.value() == null ? ProjectionGeneration.BUILT_IN : ProjectionGeneration.parse(record.value());
    }

    /** Every projection's latest state in the topic, by name; projections never rebuilt are not in it. */
    static Map<String, ProjectionGeneration> read(KafkaClientSettings kafka, String topic, Duration timeout)
            throws TimeoutException {
        Map<String, ProjectionGeneration> states = new TreeMap<>();
        try (Consumer<String, String> consumer = consumer(kafka, topic)) {
            readToEnd(consumer, states::put, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException(e.getMessage());
        }
        return states;
    }

    /** Appends the projection's new state, acknowledged by every in-sync replica. */
    static void write(KafkaClientSettings kafka, String topic, String projection, ProjectionGeneration state,
                      Duration timeout) throws TimeoutException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producer("projection-generations",
                Map.of(ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis())),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, projection, state.text()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TimeoutException("cannot write to " + topic + ": " + e.getCause().getMessage());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException(e.getMessage());
        }
    }
}
