package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.Crc32Partitioner;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A producer that partitions like librdkafka (CRC32), not like Java's clients (murmur2), and the gateway send
 * commands to one aggregate at the same time: the aggregate keeps one state and one version sequence.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ForeignPartitionerIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("foreign-partitioner");
    private static final int EACH = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void givenCrc32AndMurmur2ProducersOnOneAggregate_whenBothSendAtOnce_thenVersionsRunOneToNWithoutDuplicates(
            TestBroker broker) {
        Domain domain = Domain.of(List.of(CounterAggregate.TYPE));
        try (RunningRuntime running = RunningRuntime.start(broker, domain, TOPICS, "foreign-partitioner-app",
                stateDir)) {
            String aggregate = idWhosePartitionsDiffer();
            CounterTopics topics = CounterTopics.of(TOPICS, TestSerdes.on(running.registry().url()));

            CompletableFuture<Void> foreign = CompletableFuture.runAsync(() -> sendCrc32(broker, topics, aggregate));
            List<CompletableFuture<CommandResult>> viaGateway = IntStream.range(0, EACH).mapToObj(i ->
                    running.gateway().send("counter", aggregate, new Increment(1), CommandOptions.withId("java-" + i),
                            TIMEOUT)).toList();
            foreign.join();
            viaGateway.forEach(result -> assertThat(result.join().getStatus()).isEqualTo(CommandStatus.ACCEPTED));

            await().atMost(TIMEOUT).until(() -> results(broker, topics).size() == 2 * EACH);
            List<CommandResult> results = results(broker, topics);
            assertThat(results).extracting(CommandResult::getCommandId).doesNotHaveDuplicates();
            assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(CommandStatus.ACCEPTED));
            List<Long> versions = KafkaTestClients.readAll(broker.bootstrapServers(), topics.events(), TIMEOUT)
                    .stream().map(r -> r.value().getVersion()).toList();
            assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * EACH).boxed().toList());
            Snapshot<?> state = running.runtime().aggregates().state("counter", aggregate).orElseThrow();
            assertThat(state.version()).isEqualTo(2 * EACH);
            assertThat(((CounterState) state.state()).getValue()).isEqualTo(2 * EACH);
        }
    }

    private static void sendCrc32(TestBroker broker, CounterTopics topics, String aggregate) {
        try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(
                broker.bootstrapServers(), topics.commands(),
                Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName()))) {
            for (int i = 0; i < EACH; i++) {
                producer.send(new ProducerRecord<>(topics.commands().name(), aggregate,
                        CounterCommandEnvelope.newBuilder().setCommandId("crc32-" + i).setAggregateId(aggregate)
                                .setIssuedAt(Instant.now()).setCorrelationId("crc32-" + i)
                                .setPayload(new Increment(1)).build()));
            }
            producer.flush();
        }
    }

    private static List<CommandResult> results(TestBroker broker, CounterTopics topics) {
        return KafkaTestClients.readAll(broker.bootstrapServers(), topics.results(), TIMEOUT).stream()
                .map(r -> r.value()).toList();
    }

    private static String idWhosePartitionsDiffer() {
        return IntStream.range(0, 100).mapToObj(i -> "counter-" + i).filter(id -> {
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            int murmur2 = Utils.toPositive(Utils.murmur2(key)) % RunningRuntime.PARTITIONS;
            return Crc32Partitioner.partitionOf(key, RunningRuntime.PARTITIONS) != murmur2;
        }).findFirst().orElseThrow();
    }
}
