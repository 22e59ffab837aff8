package io.eventloom.bench;

import io.eventloom.core.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Produces the bench's commands straight to the commands topic, as any Kafka client with the registry could. */
final class CommandLoad {

    private final String bootstrapServers;

    CommandLoad(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends every command and returns once the broker has acknowledged them all; fails if any send failed. */
    void send(Topic<String, SpecificRecord> topic, ProductCommands commands) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (long i = 0; i < commands.events() && failure.get() == null; i++) {
                ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic.name(),
                        commands.aggregateId(i), commands.command(i, Instant.now()));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending commands to " + topic.name() + " failed", failure.get());
        }
    }
}
