package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterDecider;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.ChildJvm;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runtime on a real broker and registry, in a child JVM that is stopped cleanly once and killed once while
 * commands keep coming: exactly-once must hold across both.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CommandRuntimeIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("runtime-it");
    private static final String APP_ID = "runtime-it-app";
    private static final int COMMANDS = 1_000;
    private static final int AGGREGATES = 100;
    private static final int PARTITIONS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Magic byte 0, schema id 999999 (0x000F423F), then a byte of "payload". */
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0, 0x0F, 0x42, 0x3F, 2};

    @TempDir
    Path dir;

    @Test
    void givenRestartAndKillMidway_when1000Commands_thenExactlyOnceContiguousAndStateIsFoldOfEvents(
            TestBroker broker) throws Exception {
        String bootstrap = broker.bootstrapServers();
        createTopics(bootstrap);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, FreePort.find())) {
            AvroSerdes serdes = TestSerdes.on(registry.url());
            CounterTopics topics = CounterTopics.of(TOPICS, serdes);
            String[] args = {bootstrap, registry.url(), dir.resolve("state").toString(), TOPICS.namespace(), APP_ID,
                    String.valueOf(PARTITIONS)};
            try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(bootstrap,
                    topics.commands(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                ChildJvm first = runtime(args, "first.log");
                send(producer, 0, 333);
                first.stop();

                ChildJvm second = runtime(args, "second.log");
                send(producer, 333, 666);
                sendGarbage(bootstrap);
                await().atMost(TIMEOUT).until(() -> results(bootstrap, topics).size() > 400);
                second.kill();

                try (ChildJvm third = runtime(args, "third.log")) {
                    send(producer, 666, COMMANDS);
                    await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                            .until(() -> results(bootstrap, topics).size() >= COMMANDS);
                    third.stop();
                }
            }

            List<CommandResult> results = results(bootstrap, topics);
            List<CounterEventEnvelope> events = events(bootstrap, topics);
            assertExactlyOneResultPerCommand(results);
            assertEventsMatchResults(results, events);
            assertVersionsContiguousFromOne(events);
            assertDeadLettersRecorded(bootstrap);
            assertRestoredStateIsFoldOfEvents(bootstrap, serdes, events);
        }
    }

    private ChildJvm runtime(String[] args, String log) {
        return ChildJvm.start(CounterRuntimeMain.class, dir.resolve(log), args)
                .awaitLine(CounterRuntimeMain.READY_LINE, TIMEOUT);
    }

    private static void assertExactlyOneResultPerCommand(List<CommandResult> results) {
        assertThat(results).hasSize(COMMANDS);
        assertThat(results.stream().map(CommandResult::getCommandId).distinct()).hasSize(COMMANDS);
        // Some commands ask for amount 0, which the decider rejects; nothing else may be rejected.
        assertThat(results.stream().filter(r -> r.getStatus() == CommandStatus.REJECTED))
                .allSatisfy(r -> assertThat(r.getRejectionCode()).isEqualTo("INVALID_AMOUNT"))
                .hasSize((int) IntStream.range(0, COMMANDS).filter(CommandRuntimeIntegrationTest::rejected).count());
    }

    private static void assertEventsMatchResults(List<CommandResult> results, List<CounterEventEnvelope> events) {
        Map<String, Long> eventsPerCommand = events.stream()
                .collect(Collectors.groupingBy(CounterEventEnvelope::getCommandId, Collectors.counting()));
        for (CommandResult result : results) {
            assertThat(eventsPerCommand.getOrDefault(result.getCommandId(), 0L))
                    .as("events of %s", result.getCommandId()).isEqualTo((long) result.getEventCount());
        }
        assertThat(events.stream().map(CounterEventEnvelope::getEventId).distinct()).hasSize(events.size());
    }

    private static void assertVersionsContiguousFromOne(List<CounterEventEnvelope> events) {
        Map<String, List<Long>> versions = events.stream().collect(Collectors.groupingBy(
                CounterEventEnvelope::getAggregateId,
                Collectors.mapping(CounterEventEnvelope::getVersion, Collectors.toList())));
        assertThat(versions.keySet()).hasSize(AGGREGATES);
        versions.forEach((id, list) -> assertThat(list).as("versions of %s in log order", id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, list.size()).boxed().toList()));
    }

    private static void assertDeadLettersRecorded(String bootstrap) {
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.readAll(bootstrap, TOPICS.deadLetters(),
                TIMEOUT, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Kafka Streams dead-letters an undecodable record when it buffers it; if the task moves (a kill, a restart)
        // before that record's offset is committed with a later one, it is read and dead-lettered again. Dead
        // letters are at least once: each poison record is there, and nothing else is.
        String unknownId = new String(UNKNOWN_SCHEMA_ID, StandardCharsets.ISO_8859_1);
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.ISO_8859_1))
                .contains("garbage", unknownId).containsOnly("garbage", unknownId);
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, DeadLetterHandler.SOURCE_TOPIC)).isEqualTo(TOPICS.commands("counter"));
            assertThat(header(record, DeadLetterHandler.ERROR_CLASS)).endsWith("SerializationException");
            assertThat(header(record, DeadLetterHandler.APPLICATION_ID)).isEqualTo(APP_ID);
        });
        assertThat(dead).filteredOn(record -> Arrays.equals(record.value(), UNKNOWN_SCHEMA_ID))
                .allSatisfy(record -> assertThat(header(record, DeadLetterHandler.ERROR_MESSAGE)).contains("999999"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    // A fresh instance with an empty state directory restores the stores from their changelogs.
    private void assertRestoredStateIsFoldOfEvents(String bootstrap, AvroSerdes serdes,
                                                   List<CounterEventEnvelope> events) {
        RuntimeSettings settings = RuntimeSettings.of(APP_ID, bootstrap, dir.resolve("restored-state"));
        try (EventloomRuntime runtime = EventloomRuntime.start(settings, TopologySettings.of(TOPICS, PARTITIONS),
                Domain.of(List.of(CounterAggregate.TYPE)), serdes, serdes)) {
            runtime.awaitRunning(TIMEOUT);
            AggregateReader reader = runtime.aggregates();
            CounterDecider decider = new CounterDecider();
            Map<String, List<CounterEventEnvelope>> byAggregate = events.stream()
                    .collect(Collectors.groupingBy(CounterEventEnvelope::getAggregateId));
            byAggregate.forEach((id, own) -> {
                List<SpecificRecord> payloads = own.stream().sorted(Comparator.comparingLong(
                        CounterEventEnvelope::getVersion)).map(e -> (SpecificRecord) e.getPayload()).toList();
                CounterState folded = decider.fold(decider.initialState(), payloads);
                Snapshot<SpecificRecord> snapshot = reader.state("counter", id).orElseThrow();
                assertThat(snapshot.version()).isEqualTo(own.size());
                assertThat(snapshot.state()).isEqualTo(folded);
                assertThat(reader.history("counter", id)).extracting(StoredEvent::payload)
                        .containsExactlyElementsOf(payloads);
            });
        }
    }

    private static void send(KafkaProducer<String, CounterCommandEnvelope> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            String aggregate = "counter-" + (i % AGGREGATES);
            int amount = rejected(i) ? 0 : 1 + i % 7;
            producer.send(new ProducerRecord<>(TOPICS.commands("counter"), aggregate,
                    CounterCommandEnvelope.newBuilder()
                            .setCommandId("cmd-" + i)
                            .setAggregateId(aggregate)
                            .setIssuedAt(Instant.now())
                            .setCorrelationId("cmd-" + i)
                            .setPayload(new Increment(amount))
                            .build()));
        }
        producer.flush();
    }

    private static boolean rejected(int command) {
        return command % 47 == 0;
    }

    // Two poison records: bytes that are not the wire format, and wire format naming a schema id nobody has.
    private static void sendGarbage(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] key = "counter-1".getBytes(StandardCharsets.UTF_8);
            raw.send(new ProducerRecord<>(TOPICS.commands("counter"), key, "garbage".getBytes(StandardCharsets.UTF_8)))
                    .get();
            raw.send(new ProducerRecord<>(TOPICS.commands("counter"), key, UNKNOWN_SCHEMA_ID)).get();
        }
    }

    private static List<CommandResult> results(String bootstrap, CounterTopics topics) {
        return values(KafkaTestClients.readAll(bootstrap, topics.results(), TIMEOUT));
    }

    private static List<CounterEventEnvelope> events(String bootstrap, CounterTopics topics) {
        return values(KafkaTestClients.readAll(bootstrap, topics.events(), TIMEOUT));
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        List<V> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        return values;
    }

    private static void createTopics(String bootstrap) {
        try (var admin = KafkaTestClients.admin(bootstrap)) {
            new TopicSetup(admin, TIMEOUT).ensure(List.of(
                    TopicSpec.withDefaultRetention(TOPICS.commands("counter"), PARTITIONS, (short) 1),
                    TopicSpec.retainedForever(TOPICS.events("counter"), PARTITIONS, (short) 1),
                    TopicSpec.withDefaultRetention(TOPICS.commandResults("counter"), PARTITIONS, (short) 1),
                    TopicSpec.retainedForever(TOPICS.deadLetters(), 1, (short) 1)));
        }
    }
}
