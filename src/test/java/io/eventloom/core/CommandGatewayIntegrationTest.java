package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Incremented;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java command gateway and aggregate reads against a running runtime on the real broker and registry. */
@ExtendWith(KafkaBrokerExtension.class)
class CommandGatewayIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("gateway-it");
    private static final TopicNames IDLE = new TopicNames("gateway-idle");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Domain DOMAIN = Domain.of(List.of(CounterAggregate.TYPE));

    @TempDir
    static Path stateDir;

    private static RunningRuntime running;
    private static CommandGateway gateway;
    private static EventloomRuntime runtime;

    @BeforeAll
    static void start(TestBroker broker) {
        running = RunningRuntime.start(broker, DOMAIN, TOPICS, "gateway-it", stateDir);
        RunningRuntime.createTopics(broker.bootstrapServers(), DOMAIN, IDLE);
        gateway = running.gateway();
        runtime = running.runtime();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void givenRunningRuntime_whenSendingCommands_thenResultsStateAndHistoryFollow() throws Exception {
        CommandResult first = send("g-1", new Increment(3), CommandOptions.defaults());
        CommandResult second = send("g-1", new Increment(4), CommandOptions.defaults().expectingVersion(1));

        assertThat(first.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(second.getVersion()).isEqualTo(2);
        AggregateReader reader = runtime.aggregates();
        Snapshot<?> snapshot = reader.state("counter", "g-1").orElseThrow();
        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.state()).isEqualTo(new CounterState(7, false, ""));
        assertThat(reader.history("counter", "g-1")).extracting(StoredEvent::version, StoredEvent::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, new Incremented(3)),
                        org.assertj.core.groups.Tuple.tuple(2L, new Incremented(4)));
        assertThat(reader.history("counter", "g-1", 2)).extracting(StoredEvent::version).containsExactly(2L);
        assertThat(reader.state("counter", "never-seen")).isEmpty();
        assertThat(reader.history("counter", "never-seen")).isEmpty();
    }

    @Test
    void givenSameCommandIdTwice_whenSent_thenSecondGetsFirstResultAndNothingIsAppended() throws Exception {
        CommandOptions options = CommandOptions.withId("idempotent-1");
        CommandResult first = send("g-2", new Increment(1), options);
        CommandResult again = send("g-2", new Increment(1), options);

        // The first result carries its event for the gateway's answer; the dedupe store keeps it without, as the
        // history holds the event already.
        assertThat(first.getEvents()).hasSize(1);
        assertThat(again.getEvents()).isEmpty();
        assertThat(again).usingRecursiveComparison().ignoringFields("events").isEqualTo(first);
        assertThat(runtime.aggregates().history("counter", "g-2")).hasSize(1);
    }

    @Test
    void givenStaleExpectedVersion_whenSent_thenConcurrencyConflict() throws Exception {
        send("g-3", new Increment(1), CommandOptions.defaults());

        CommandResult conflict = send("g-3", new Increment(1), CommandOptions.defaults().expectingVersion(0));

        assertThat(conflict.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(conflict.getRejectionCode()).isEqualTo("CONCURRENCY_CONFLICT");
    }

    @Test
    void givenNoRuntimeOnTheTopics_whenSent_thenFailsWithTimeoutNamingTheCommand(TestBroker broker) {
        AvroSerdes serdes = TestSerdes.on(running.registry().url());
        try (CommandGateway idle = new CommandGateway(KafkaClientSettings.of(broker.bootstrapServers()),
                AggregateTopics.of(DOMAIN.aggregates(), IDLE, serdes, serdes), Clock.systemUTC())) {
            var future = idle.send("counter", "x", new Increment(1), CommandOptions.withId("lost-1"),
                    Duration.ofMillis(500));

            assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CommandTimeoutException.class).hasMessageContaining("lost-1");
            assertThat(idle.pendingCount()).isZero();
        }
    }

    @Test
    void givenAnUndecodableRecordOnAResultsTopic_whenACommandIsSentAfterIt_thenItsResultArrivesAndTheGatewayIsUp(
            TestBroker broker) throws Exception {
        String results = TOPICS.commandResults("counter");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // On every partition, so whichever partition the next result lands on, it comes after a bad record.
            for (int partition = 0; partition < 2; partition++) {
                producer.send(new ProducerRecord<>(results, partition, "g-poison", "not avro".getBytes(UTF_8))).get();
            }
        }

        CommandResult result = send("g-after-poison", new Increment(1), CommandOptions.defaults());

        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        Health health = gateway.health().check();
        assertThat(gateway.health().name()).isEqualTo("gateway");
        assertThat(health.up()).isTrue();
        assertThat(health.details().get("lastError").toString()).contains("cannot decode " + results);
    }

    @Test
    void givenOneCommandIdOnTwoAggregates_whenSentConcurrently_thenEachGetsItsOwnAggregatesResult() throws Exception {
        // On two partitions, so two tasks each process their command; which result dedupe gives a reused id within
        // one task is the processor's business, not the gateway's.
        String first = "shared-a";
        String second = IntStream.range(0, 100).mapToObj(n -> "shared-b" + n)
                .filter(id -> partitionOf(id) != partitionOf(first)).findFirst().orElseThrow();
        CommandOptions options = CommandOptions.withId("one-key-two-aggregates");

        var toFirst = gateway.send("counter", first, new Increment(1), options, TIMEOUT);
        var toSecond = gateway.send("counter", second, new Increment(2), options, TIMEOUT);

        assertThat(toFirst.get().getAggregateId()).isEqualTo(first);
        assertThat(toSecond.get().getAggregateId()).isEqualTo(second);
        assertThat(gateway.pendingCount()).isZero();
    }

    @Test
    void givenASerializerThatCannotEncode_whenSent_thenTheFutureFailsWithItsErrorAndNothingIsPending(
            TestBroker broker) {
        // Auto-registration off and an empty registry: the serializer throws inside the producer's send().
        AvroSerdes unregistered = TestSerdes.unregistered();
        try (CommandGateway strict = new CommandGateway(KafkaClientSettings.of(broker.bootstrapServers()),
                AggregateTopics.of(DOMAIN.aggregates(), IDLE, unregistered, unregistered), Clock.systemUTC())) {
            var future = strict.send("counter", "x", new Increment(1), CommandOptions.withId("unsendable-1"),
                    TIMEOUT);

            assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SerializationException.class)
                    .hasMessageContaining("auto-registration is off");
            assertThat(strict.pendingCount()).isZero();
        }
    }

    @Test
    void givenUnknownType_whenSent_thenRejectedBeforeSending() {
        assertThatThrownBy(() -> gateway.send("nope", "x", new Increment(1), CommandOptions.defaults(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining(
                        "counter");
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % 2;
    }

    private static CommandResult send(String id, Increment command, CommandOptions options) throws Exception {
        return gateway.send("counter", id, command, options, TIMEOUT).get();
    }
}
