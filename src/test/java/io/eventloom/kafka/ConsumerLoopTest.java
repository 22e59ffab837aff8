package io.eventloom.kafka;

import io.eventloom.core.Health;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class ConsumerLoopTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Fails on the value "bad", as an Avro deserializer fails on bytes it cannot read. */
    private static final class PickyDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String value = new String(data, StandardCharsets.UTF_8);
            if (value.equals("bad")) {
                throw new IllegalArgumentException("cannot read '" + value + "'");
            }
            return value;
        }
    }

    @Test
    void givenAnUndecodableRecord_whenPolled_thenItIsSkippedAndTheRecordsAfterItAreHandled(TestBroker broker)
            throws Exception {
        TopicPartition partition = freshTopic(broker);
        List<String> handled = new CopyOnWriteArrayList<>();
        produce(broker, partition, "a", "bad", "c");

        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test", "test-loop",
                consumerFromStart(broker, partition), POLL, record -> handled.add(record.value()))) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handled).containsExactly("a", "c"));
            Health health = loop.health().check();
            assertThat(health.up()).isTrue();
            assertThat(health.details().get("lastError").toString())
                    .contains(partition.topic() + "-0@1").contains("cannot read 'bad'");
        }
    }

    @Test
    void givenAHandlerThatThrowsOnOneRecord_whenPolled_thenOnlyThatRecordIsSkipped(TestBroker broker)
            throws Exception {
        TopicPartition partition = freshTopic(broker);
        List<String> handled = new CopyOnWriteArrayList<>();
        produce(broker, partition, "a", "boom", "c");

        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test", "test-loop",
                consumerFromStart(broker, partition), POLL, record -> {
                    if (record.value().equals("boom")) {
                        throw new IllegalStateException("handler bug");
                    }
                    handled.add(record.value());
                })) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handled).containsExactly("a", "c"));
            assertThat(loop.health().check().up()).isTrue();
            assertThat(loop.health().check().details().get("lastError").toString()).contains("@1")
                    .contains("handler bug");
        }
    }

    @Test
    void givenRoundsFailingLongerThanTheLimit_thenHealthIsDownUntilTheyRecover(TestBroker broker) {
        TopicPartition partition = freshTopic(broker);
        AtomicBoolean broken = new AtomicBoolean(true);

        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test", "test-loop",
                consumerFromStart(broker, partition), POLL, record -> { }, () -> {
                    if (broken.get()) {
                        throw new IllegalStateException("broker says no");
                    }
                }, Duration.ofMillis(500))) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                Health health = loop.health().check();
                assertThat(health.up()).isFalse();
                assertThat(health.details()).containsEntry("state", "FAILING");
                assertThat(health.details().get("lastError").toString()).contains("broker says no");
            });

            broken.set(false);

            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(loop.health().check().up()).isTrue();
                assertThat(loop.health().check().details()).containsEntry("state", "RUNNING");
            });
        }
    }

    @Test
    void givenARunningLoop_whenClosed_thenItsThreadEndsAndHealthIsDown(TestBroker broker) {
        TopicPartition partition = freshTopic(broker);
        ConsumerLoop<String, String> loop = ConsumerLoop.start("test", "test-loop",
                consumerFromStart(broker, partition), POLL, record -> { });
        assertThat(loop.health().check().up()).isTrue();

        loop.close();

        assertThat(loop.health().check().up()).isFalse();
        assertThat(loop.health().check().details()).containsEntry("state", "STOPPED");
    }

    private static TopicPartition freshTopic(TestBroker broker) {
        String topic = "loop-" + UUID.randomUUID();
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            new TopicSetup(admin, TIMEOUT).ensure(List.of(TopicSpec.withDefaultRetention(topic, 1, (short) 1)));
        }
        return new TopicPartition(topic, 0);
    }

    private static void produce(TestBroker broker, TopicPartition partition, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k", value)).get();
            }
        }
    }

    private static KafkaConsumer<String, String> consumerFromStart(TestBroker broker, TopicPartition partition) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new PickyDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }
}
