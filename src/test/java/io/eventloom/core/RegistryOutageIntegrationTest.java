package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.CounterSchemas;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schema registry stops while commands keep coming, written with a schema version the runtime has not seen
 * yet, so it must ask the registry: nothing is dead-lettered, the runtime says it is not ready while it cannot
 * work, and once the registry is back every command is answered once, with no version gap.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RegistryOutageIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("registry-outage");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int BEFORE = 20;
    private static final int DURING = 30;
    private static final List<String> AGGREGATES = List.of("o-1", "o-2", "o-3");

    @TempDir
    Path stateDir;

    @Test
    void givenRegistryDownMidStream_whenCommandsNeedIt_thenNothingDeadLetteredNoGapAndEachAnsweredOnce(
            TestBroker broker) throws Exception {
        try (RunningRuntime running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), TOPICS,
                "registry-outage-app", stateDir)) {
            String registryUrl = running.registry().url();
            AvroSerdes serdes = TestSerdes.on(registryUrl);
            CounterTopics topics = CounterTopics.of(TOPICS, serdes);
            // A newer command schema, compatible with the runtime's: the runtime meets its id for the first time
            // in the middle of the outage. It is registered, and its commands encoded, while the registry is up.
            Serializer<GenericRecord> newer = serdes.genericValue().serializer();
            Schema evolved = CounterSchemas.evolvedCommandSchema();
            List<byte[]> duringOutage = new ArrayList<>();
            for (int i = 0; i < DURING; i++) {
                duringOutage.add(newer.serialize(TOPICS.commands("counter"), command(evolved, "during-" + i, i)));
            }
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                for (int i = 0; i < BEFORE; i++) {
                    producer.send(record(topics.commands().valueSerde().serializer()
                            .serialize(topics.commands().name(), CounterCommandEnvelope.newBuilder()
                                    .setCommandId("before-" + i).setAggregateId(aggregate(i))
                                    .setIssuedAt(java.time.Instant.now()).setCorrelationId("before-" + i)
                                    .setPayload(new io.eventloom.core.counter.Increment(1)).build()), i));
                }
                producer.flush();
                await().atMost(TIMEOUT).until(() -> results(broker, topics).size() == BEFORE);

                running.stopRegistry();
                for (int i = 0; i < DURING; i++) {
                    producer.send(record(duringOutage.get(i), i));
                }
                producer.flush();
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(health(running)).isFalse());
                assertThat(results(broker, topics)).hasSize(BEFORE);

                running.startRegistry();
                await().atMost(TIMEOUT).until(() -> results(broker, topics).size() >= BEFORE + DURING);
            }

            List<CommandResult> results = results(broker, topics);
            assertThat(results).hasSize(BEFORE + DURING);
            assertThat(results).extracting(CommandResult::getCommandId).doesNotHaveDuplicates();
            assertThat(KafkaTestClients.readAll(broker.bootstrapServers(), TOPICS.deadLetters(), TIMEOUT,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())).isEmpty();
            Map<String, List<Long>> versions = KafkaTestClients.readAll(broker.bootstrapServers(), topics.events(),
                    TIMEOUT).stream().collect(Collectors.groupingBy(r -> r.key(),
                            Collectors.mapping(r -> r.value().getVersion(), Collectors.toList())));
            assertThat(versions).hasSize(AGGREGATES.size());
            versions.forEach((id, list) -> assertThat(list).as("versions of " + id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, list.size()).boxed().toList()));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(health(running)).isTrue());
        }
    }

    private static boolean health(RunningRuntime running) {
        return running.runtime().health().stream().allMatch(check -> check.check().up());
    }

    private static GenericRecord command(Schema schema, String id, int i) {
        Schema increment = schema.getField("payload").schema().getTypes().stream()
                .filter(s -> s.getName().equals("Increment")).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(increment);
        payload.put("amount", 1);
        GenericRecord envelope = new GenericData.Record(schema);
        envelope.put("commandId", id);
        envelope.put("aggregateId", aggregate(i));
        envelope.put("expectedVersion", null);
        envelope.put("issuedAt", System.currentTimeMillis());
        envelope.put("correlationId", id);
        envelope.put("causationId", null);
        envelope.put("metadata", Map.of());
        envelope.put("payload", payload);
        envelope.put("channel", "outage-test");
        return envelope;
    }

    private static String aggregate(int i) {
        return AGGREGATES.get(i % AGGREGATES.size());
    }

    private static ProducerRecord<String, byte[]> record(byte[] value, int i) {
        return new ProducerRecord<>(TOPICS.commands("counter"), aggregate(i), value);
    }

    private static KafkaProducer<String, byte[]> producer(TestBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static List<CommandResult> results(TestBroker broker, CounterTopics topics) {
        return KafkaTestClients.readAll(broker.bootstrapServers(), topics.results(), TIMEOUT).stream()
                .map(r -> r.value()).toList();
    }
}
