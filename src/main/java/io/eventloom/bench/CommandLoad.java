package io.eventloom.bench;

import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.product.ProductCommandEnvelope;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Produces the bench's records straight to a topic as fast as the producer goes, as any Kafka client with the
 * registry could: Eventloom's commands in Avro, the raw reference's plain bytes.
 */
final class CommandLoad {

    private final String bootstrapServers;
    private final AvroSerdes serdes;

    CommandLoad(String bootstrapServers, AvroSerdes serdes) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = serdes;
    }

    /** Sends every product command and returns once the broker has acknowledged them all. */
    void send(String topic, ProductCommands commands) {
        sendAvro(topic, commands.events(), commands::aggregateId, i -> commands.command(i, Instant.now()),
                ProductCommandEnvelope.class);
    }

    /** The raw reference's records for the same commands: the same keys, plain values of about the same size. */
    void sendRaw(String topic, ProductCommands commands) {
        send(topic, commands.events(), commands::aggregateId, i -> RawRecords.value(commands.commandId(i)),
                new ByteArraySerializer());
    }

    /** Sends {@code count} Avro records of {@code type}, keyed and built by index. */
    <V extends SpecificRecord> void sendAvro(String topic, long count, LongFunction<String> keys,
                                             LongFunction<V> values, Class<V> type) {
        send(topic, count, keys, values, serdes.specificValue(type).serializer());
    }

    /** Sends {@code count} records and returns once the broker has acknowledged them all; fails if any failed. */
    <V> void send(String topic, long count, LongFunction<String> keys, LongFunction<V> values,
                  Serializer<V> serializer) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), serializer)) {
            for (long i = 0; i < count && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, keys.apply(i), values.apply(i)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending records to " + topic + " failed", failure.get());
        }
    }
}
