package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys on the real broker: scoped to their aggregate, refused when reused for another request, and
 * remembered by processing time whatever timestamp a producer put on its records.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IdempotencyIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("idempotency");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    private static RunningRuntime running;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), TOPICS, "idempotency-app",
                stateDir);
        // Brokers refuse records stamped more than an hour ahead by default; a topic may be told otherwise.
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    TOPICS.commands("counter")), List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, String.valueOf(Long.MAX_VALUE)),
                    AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void givenOneKeyOnTwoAggregatesOfOnePartition_whenBothSent_thenEachIsAppliedToItsOwn() {
        List<String> samePartition = idsOnPartition(0, 2);

        CommandResult first = send(samePartition.get(0), "shared-key", 1);
        CommandResult second = send(samePartition.get(1), "shared-key", 1);

        assertThat(first.getAggregateId()).isEqualTo(samePartition.get(0));
        assertThat(second.getAggregateId()).isEqualTo(samePartition.get(1));
        assertThat(List.of(first, second)).allSatisfy(result -> {
            assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.getVersion()).isEqualTo(1);
        });
    }

    @Test
    void givenKeyUsed_whenReusedWithAnotherPayload_thenRefusedAndARetryStillGetsTheFirstResult() {
        CommandResult first = send("reused", "key-1", 1);

        CommandResult other = send("reused", "key-1", 2);
        CommandResult retry = send("reused", "key-1", 1);

        assertThat(other.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(other.getRejectionCode()).isEqualTo(RuntimeRejections.IDEMPOTENCY_KEY_REUSED);
        // All but the events, which only the first result carries (for the gateway's answer).
        assertThat(retry).usingRecursiveComparison().ignoringFields("events").isEqualTo(first);
        assertThat(running.runtime().aggregates().history("counter", "reused")).hasSize(1);
    }

    @Test
    void givenRecordsStampedFarInTheFutureAndLongAgo_whenCommandsRetried_thenEachIsAppliedOnce() throws Exception {
        CommandResult earlier = send("clock", "before-skew", 1);
        produce("clock", "from-the-future", Instant.parse("2999-01-01T00:00:00Z"));
        produce("clock", "from-the-past", Instant.EPOCH);
        awaitVersion("clock", 3);

        produce("clock", "before-skew", Instant.now());
        produce("clock", "from-the-past", Instant.EPOCH);
        CommandResult marker = send("clock", "after-skew", 1);

        assertThat(earlier.getVersion()).isEqualTo(1);
        assertThat(marker.getVersion()).as("the two retries appended nothing").isEqualTo(4);
        assertThat(running.runtime().aggregates().history("counter", "clock")).extracting(StoredEvent::commandId)
                .containsExactly("before-skew", "from-the-future", "from-the-past", "after-skew");
    }

    private static CommandResult send(String aggregate, String commandId, int amount) {
        return running.gateway().send("counter", aggregate, new Increment(amount), CommandOptions.withId(commandId),
                TIMEOUT).join();
    }

    // Straight to the topic, so the record carries the timestamp a producer chose.
    private static void produce(String aggregate, String commandId, Instant timestamp) throws Exception {
        Topic<String, CounterCommandEnvelope> commands = CounterTopics.of(TOPICS,
                TestSerdes.on(running.registry().url())).commands();
        try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(
                running.bootstrapServers(), commands, Map.of())) {
            producer.send(new ProducerRecord<>(commands.name(), null, timestamp.toEpochMilli(), aggregate,
                    CounterCommandEnvelope.newBuilder().setCommandId(commandId).setAggregateId(aggregate)
                            .setIssuedAt(timestamp).setCorrelationId(commandId).setPayload(new Increment(1)).build()))
                    .get();
        }
    }

    private static void awaitVersion(String aggregate, long version) {
        await().atMost(TIMEOUT).until(() -> running.runtime().aggregates()
                .state("counter", aggregate).map(Snapshot::version).orElse(0L) >= version);
    }

    private static List<String> idsOnPartition(int partition, int count) {
        return IntStream.range(0, 1000).mapToObj(i -> "scoped-" + i)
                .filter(id -> Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)))
                        % RunningRuntime.PARTITIONS == partition)
                .limit(count).toList();
    }
}
