package io.eventloom.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void givenRunningBroker_whenProducing_thenConsumerReadsTheSameRecords(TestBroker broker) throws Exception {
        String topic = "it.produce-consume";
        createTopic(broker.bootstrapServers(), topic);

        KafkaTestClients.produce(broker.bootstrapServers(), topic, Map.of("order-1", "placed", "order-2", "paid"));

        assertThat(KafkaTestClients.readAll(broker.bootstrapServers(), topic, TIMEOUT))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("order-1", "placed"),
                        org.assertj.core.groups.Tuple.tuple("order-2", "paid"));
    }

    @Test
    void givenRecordsWritten_whenBrokerRestartsOnSameDirectory_thenEveryRecordIsStillThere(@TempDir Path dir)
            throws Exception {
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            written.put("key-" + i, "value-" + i);
        }
        int port = FreePort.find();
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(dir, port))) {
            createTopic(first.bootstrapServers(), "it.durable");
            KafkaTestClients.produce(first.bootstrapServers(), "it.durable", written);
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(dir, port))) {
            List<ConsumerRecord<String, String>> read =
                    KafkaTestClients.readAll(second.bootstrapServers(), "it.durable", TIMEOUT);

            assertThat(read).hasSize(written.size());
            read.forEach(r -> assertThat(written).containsEntry(r.key(), r.value()));
        }
    }

    private static void createTopic(String bootstrapServers, String topic) {
        try (var admin = KafkaTestClients.admin(bootstrapServers)) {
            new TopicSetup(admin, TIMEOUT).ensure(List.of(TopicSpec.withDefaultRetention(topic, 3, (short) 1)));
        }
    }
}
