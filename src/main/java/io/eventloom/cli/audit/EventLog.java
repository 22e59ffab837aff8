package io.eventloom.cli.audit;

import io.eventloom.core.AggregateTopics;
import io.eventloom.core.Faults;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.Topic;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The events topics of some aggregate types, read from their start without a consumer group (an audit commits
 * nothing), committed records only, each event in its current form; every {@link #readOn} reads on from where the
 * last one stopped to where the topics end then.
 */
final class EventLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int API_TIMEOUT_MS = 30_000;

    /** Where the events go. */
    interface Reader {

        void event(String type, StoredEvent event);

        /** A record of the type's topic that is not a readable event. */
        void unreadable(String type, String key, String where, String reason);
    }

    private final Map<String, AggregateTopics<?>> byTopic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    /** @throws org.apache.kafka.common.KafkaException when Kafka cannot be reached within the client's timeouts */
    EventLog(KafkaClientSettings kafka, List<AggregateTopics<?>> types) {
        this.byTopic = types.stream().collect(Collectors.toMap(type -> type.events().name(), Function.identity()));
        this.consumer = new KafkaConsumer<>(kafka.consumer("audit", Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS)),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            for (String topic : byTopic.keySet()) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic,
                        info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Reads every record up to where each partition ends now (under read_committed, its last stable offset: an open
     * transaction is not waited for) and the few beyond it that come in the same polls.
     *
     * @return how many records were read
     * @throws org.apache.kafka.common.KafkaException when Kafka or the schema registry cannot be reached
     */
    long readOn(Reader reader) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long read = 0;
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                handle(record, reader);
                read++;
            }
        }
        return read;
    }

    private void handle(ConsumerRecord<String, byte[]> record, Reader reader) {
        AggregateTopics<?> type = byTopic.get(record.topic());
        Topic<String, SpecificRecord> events = type.events();
        StoredEvent event;
        try {
            event = type.type().codec().readEvent(events.valueSerde().deserializer().deserialize(events.name(),
                    record.value()));
        } catch (RuntimeException e) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            if (Faults.isFault(e)) {
                // The registry unreachable says nothing of the record, and the audit cannot go on without it.
                throw e instanceof KafkaException kafka ? kafka : new KafkaException("cannot read " + where, e);
            }
            reader.unreadable(type.type().name(), String.valueOf(record.key()), where, e.toString());
            return;
        }
        reader.event(type.type().name(), event);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
