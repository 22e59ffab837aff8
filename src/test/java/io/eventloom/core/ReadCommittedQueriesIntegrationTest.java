package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interactive queries see only committed writes: while a command's transaction is open (its result already in
 * the log, not yet committed), the aggregate reads as it was; once committed, as it is. A write of a transaction
 * that later aborts is therefore never seen either.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReadCommittedQueriesIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("read-committed");
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(8);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void givenCommandProcessedButNotCommitted_whenAggregateRead_thenOldVersionUntilTheCommit(TestBroker broker) {
        try (RunningRuntime running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), TOPICS,
                "read-committed-app", stateDir, settings -> settings.withCommitInterval(COMMIT_INTERVAL));
             KafkaConsumer<String, byte[]> uncommitted = consumer(broker, "read_uncommitted");
             KafkaConsumer<String, byte[]> committed = consumer(broker, "read_committed")) {
            CounterTopics topics = CounterTopics.of(TOPICS, TestSerdes.on(running.registry().url()));
            List<TopicPartition> partitions = List.of(new TopicPartition(topics.results().name(), 0),
                    new TopicPartition(topics.results().name(), 1));
            uncommitted.assign(partitions);
            committed.assign(partitions);
            running.gateway().send("counter", "rc", new Increment(1), CommandOptions.defaults(), TIMEOUT).join();

            boolean sawUncommitted = false;
            for (int attempt = 0; attempt < 3 && !sawUncommitted; attempt++) {
                uncommitted.seekToEnd(partitions);
                partitions.forEach(uncommitted::position);
                send(broker, topics, "cmd-" + attempt);
                ConsumerRecord<String, byte[]> result = awaitOne(uncommitted);
                Optional<Snapshot<org.apache.avro.specific.SpecificRecord>> read = running.runtime().aggregates()
                        .state("counter", "rc");
                TopicPartition partition = new TopicPartition(result.topic(), result.partition());
                // The stable offset still at or before the result: it was uncommitted when the read above ran.
                if (committed.endOffsets(List.of(partition)).get(partition) <= result.offset()) {
                    sawUncommitted = true;
                    assertThat(read.orElseThrow().version()).as("read before the commit").isEqualTo(1 + attempt);
                }
                long expected = 2 + attempt;
                await().atMost(TIMEOUT).until(() -> running.runtime().aggregates().state("counter", "rc")
                        .orElseThrow().version() == expected);
            }
            assertThat(sawUncommitted).as("a read happened inside an open transaction").isTrue();
        }
    }

    private static void send(TestBroker broker, CounterTopics topics, String id) {
        try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(
                broker.bootstrapServers(), topics.commands(), Map.of())) {
            producer.send(new ProducerRecord<>(topics.commands().name(), "rc", CounterCommandEnvelope.newBuilder()
                    .setCommandId(id).setAggregateId("rc").setIssuedAt(Instant.now()).setCorrelationId(id)
                    .setPayload(new Increment(1)).build()));
        }
    }

    private static ConsumerRecord<String, byte[]> awaitOne(KafkaConsumer<String, byte[]> consumer) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                return record;
            }
        }
        throw new AssertionError("no result within " + TIMEOUT);
    }

    private static KafkaConsumer<String, byte[]> consumer(TestBroker broker, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
