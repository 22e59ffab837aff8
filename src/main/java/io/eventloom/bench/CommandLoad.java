package io.eventloom.bench;

import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.product.ProductCommandEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Produces the bench's commands straight to the commands topic, as any Kafka client with the registry could. */
final class CommandLoad {

    private final String bootstrapServers;
    private final AvroSerdes serdes;

    CommandLoad(String bootstrapServers, AvroSerdes serdes) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = serdes;
    }

    /** Sends every command and returns once the broker has acknowledged them all; fails if any send failed. */
    void send(String topic, ProductCommands commands) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, ProductCommandEnvelope> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), serdes.specificValue(ProductCommandEnvelope.class).serializer())) {
            for (long i = 0; i < commands.events() && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, commands.aggregateId(i), commands.command(i, Instant.now())),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending commands to " + topic + " failed", failure.get());
        }
    }
}
