package io.eventloom.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A read_committed consumer of every partition of one topic, without a group, as the bench watches answers. */
final class CommittedConsumer {

    private CommittedConsumer() {
    }

    /**
     * Assigned to the topic's partitions, at their beginning or at their end now: a seek is lazy, so the end is
     * fixed before this returns and every record committed afterwards is read.
     */
    static KafkaConsumer<byte[], byte[]> of(String bootstrapServers, String topic, boolean fromEnd) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(partitions);
        }
        return consumer;
    }
}
