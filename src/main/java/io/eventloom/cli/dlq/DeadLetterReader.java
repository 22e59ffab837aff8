package io.eventloom.cli.dlq;

import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every committed dead letter, without a consumer group (an operator's look commits nothing), from each
 * partition's start up to its end as it was when reading began.
 */
public final class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClientSettings kafka;
    private final String topic;

    public DeadLetterReader(KafkaClientSettings kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** @throws org.apache.kafka.common.KafkaException when Kafka cannot be reached within the client's timeouts */
    public DeadLetterLog read() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("dlq", Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed these are the last stable offsets: nothing of an open transaction is waited for.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        letters.add(new DeadLetter(new DeadLetterId(record.partition(), record.offset()),
                                record.key(), record.value(), Arrays.asList(record.headers().toArray())));
                    }
                }
            }
            letters.sort(Comparator.comparing(DeadLetter::id));
            Map<Integer, Long> readUpTo = new HashMap<>();
            ends.forEach((partition, end) -> readUpTo.put(partition.partition(), end));
            return new DeadLetterLog(letters, readUpTo);
        }
    }
}
