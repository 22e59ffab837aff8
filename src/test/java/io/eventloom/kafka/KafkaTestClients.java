package io.eventloom.kafka;

import io.eventloom.core.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Plain Kafka clients for tests: produce strings or a topic's records, read a whole topic back. */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public static void produce(String bootstrapServers, String topic, Map<String, String> records)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
            }
        }
    }

    /**
     * A producer of {@code topic}'s records, written with its serdes; {@code config} is added to the bootstrap
     * servers.
     */
    public static <K, V> KafkaProducer<K, V> producer(String bootstrapServers, Topic<K, V> topic,
                                                      Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(all, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Reads every record now in the topic, from the beginning of each partition to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
                                                               Duration timeout) {
        return readAll(bootstrapServers, topic, timeout, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads every committed record now in {@code topic}, decoded with its serdes. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, Topic<K, V> topic,
                                                            Duration timeout) {
        return readAll(bootstrapServers, topic.name(), timeout, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Reads every committed record now in the topic, decoded with the given deserializers. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic, Duration timeout,
                                                            Deserializer<K> keys, Deserializer<V> values) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
