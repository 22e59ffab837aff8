package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Note;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.SwitchableRegistryClient;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.eventloom.core.CommandTopologyTest.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command processor at its edges, on the test driver: commands on the wrong partition, idempotency keys reused
 * or stamped with odd times, outputs too large for the log, and a registry that cannot be reached.
 */
class CommandEdgesTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("edges");

    @TempDir
    Path stateDir;

    private final SwitchableRegistryClient registry = new SwitchableRegistryClient();
    private final AvroSerdes serdes = TestSerdes.on(registry);
    private final CounterTopics topics = CounterTopics.of(TOPICS, serdes);
    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;
    private TestInputTopic<byte[], byte[]> rawCommands;
    private TestOutputTopic<String, CounterCommandEnvelope> rerouted;
    private TestOutputTopic<String, CounterEventEnvelope> events;
    private TestOutputTopic<String, CommandResult> results;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void givenTwoPartitions_whenCommandArrivesOnPartitionNotOwningItsKey_thenSentOnMarkedAndNeverLooped() {
        start(TopologySettings.of(TOPICS, 2));
        // The test driver feeds every record to partition 0, the one sent on included: so the command comes back to
        // a partition that does not own its key, which is how a topic with another partition count would look.
        String elsewhere = keyOwnedBy(1, 2);

        commands.pipeInput(elsewhere, command("cmd-1", elsewhere, null, new Increment(1)));

        TestRecord<String, CounterCommandEnvelope> sentOn = rerouted.readRecord();
        assertThat(sentOn.key()).isEqualTo(elsewhere);
        assertThat(sentOn.value().getCommandId()).isEqualTo("cmd-1");
        assertThat(new String(sentOn.headers().lastHeader(CommandProcessor.REROUTED_FROM).value(),
                StandardCharsets.UTF_8)).isEqualTo("0");
        assertThat(rerouted.isEmpty()).as("sent on once only").isTrue();
        CommandResult rejected = results.readValue();
        assertThat(rejected.getRejectionCode()).isEqualTo(RuntimeRejections.INVALID_COMMAND);
        assertThat(rejected.getRejectionMessage()).contains("partition count");
        assertThat(events.isEmpty()).isTrue();
        assertThat(state(elsewhere)).as("nothing written on a partition that does not own the key").isNull();
    }

    @Test
    void givenOneCommandIdOnTwoAggregates_whenBothSent_thenEachIsProcessedOnItsOwn() {
        start(TopologySettings.of(TOPICS, 1));

        commands.pipeInput("a", command("shared", "a", null, new Increment(1)));
        commands.pipeInput("b", command("shared", "b", null, new Increment(2)));

        assertThat(results.readValuesToList()).extracting(CommandResult::getAggregateId, CommandResult::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", CommandStatus.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("b", CommandStatus.ACCEPTED));
        assertThat(events.readValuesToList()).extracting(CounterEventEnvelope::getAggregateId)
                .containsExactly("a", "b");
    }

    @Test
    void givenCommandIdUsed_whenReusedForAnotherPayload_thenIdempotencyKeyReusedAndNothingAppended() {
        start(TopologySettings.of(TOPICS, 1));
        commands.pipeInput("a", command("key-1", "a", null, new Increment(1)));
        CommandResult first = results.readValue();
        events.readRecordsToList();

        commands.pipeInput("a", command("key-1", "a", null, new Increment(5)));
        commands.pipeInput("a", command("key-1", "a", null, new Increment(1)));

        CommandResult reused = results.readValue();
        assertThat(reused.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(reused.getRejectionCode()).isEqualTo(RuntimeRejections.IDEMPOTENCY_KEY_REUSED);
        assertThat(reused.getVersion()).isEqualTo(1);
        assertThat(results.readValue()).isEqualTo(first);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void givenRecordStampedFarInTheFuture_whenEarlierCommandRetried_thenStillRecognised() {
        start(TopologySettings.of(TOPICS, 1));
        commands.pipeInput("a", command("early", "a", null, new Increment(1)));
        commands.pipeInput("b", command("future", "b", null, new Increment(1)),
                Instant.parse("2999-01-01T00:00:00Z"));
        results.readValuesToList();
        events.readRecordsToList();

        commands.pipeInput("a", command("early", "a", null, new Increment(1)));

        assertThat(results.readValue().getVersion()).isEqualTo(1);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void givenRecordStampedLongAgo_whenRetried_thenRecognised() {
        start(TopologySettings.of(TOPICS, 1));
        commands.pipeInput("a", command("ancient", "a", null, new Increment(1)), Instant.EPOCH);
        results.readValue();
        events.readRecordsToList();

        commands.pipeInput("a", command("ancient", "a", null, new Increment(1)), Instant.EPOCH);

        assertThat(results.readValue().getVersion()).isEqualTo(1);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void givenRetentionPassed_whenSwept_thenDedupeEntriesAreGoneAndTheIdIsNew() {
        start(TopologySettings.of(TOPICS, 1).withDedupeRetention(Duration.ofHours(1)));
        commands.pipeInput("a", command("once", "a", null, new Increment(1)));
        commands.pipeInput("b", command("once", "b", null, new Increment(1)));
        KeyValueStore<String, byte[]> dedupe = driver.getKeyValueStore(AggregateStores.of("counter")
                .processedCommands());
        assertThat(dedupe.approximateNumEntries()).isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(count(dedupe)).as("within the retention").isEqualTo(2);
        driver.advanceWallClockTime(Duration.ofMinutes(31));

        assertThat(count(dedupe)).as("past the retention").isZero();
        results.readValuesToList();
        commands.pipeInput("a", command("once", "a", null, new Increment(1)));
        assertThat(results.readValue().getVersion()).isEqualTo(2);
    }

    @Test
    void givenEventTooLargeForTheLog_whenCommand_thenRejectedAsRecordTooLargeAndNextCommandsFlow() {
        RecordLimit limit = new RecordLimit(64 * 1024);
        start(TopologySettings.of(TOPICS, 1).withRecordLimit(limit));
        commands.pipeInput("a", command("small", "a", null, new Note("x".repeat(100), 1)));
        results.readValue();
        events.readRecordsToList();

        commands.pipeInput("a", command("huge", "a", null, new Note("y".repeat(1000), 70)));
        commands.pipeInput("a", command("after", "a", null, new Increment(1)));

        CommandResult tooLarge = results.readValue();
        assertThat(tooLarge.getRejectionCode()).isEqualTo(RuntimeRejections.RECORD_TOO_LARGE);
        assertThat(tooLarge.getRejectionMessage()).contains("event 2 (Noted) would be", "the aggregate's new state",
                String.valueOf(limit.maxRecordBytes()));
        assertThat(tooLarge.getVersion()).isEqualTo(1);
        CommandResult after = results.readValue();
        assertThat(after.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(after.getVersion()).isEqualTo(2);
        assertThat(events.readValuesToList()).extracting(CounterEventEnvelope::getVersion).containsExactly(2L);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void givenRegistryUnreachable_whenCommandNeedsANewSchema_thenTaskFailsBeforeAnyWriteAndRetrySucceeds() {
        start(TopologySettings.of(TOPICS, 1));
        commands.pipeInput("a", command("first", "a", null, new Increment(1)));
        results.readValue();
        events.readRecordsToList();
        byte[] note = topics.commands().valueSerde().serializer()
                .serialize(topics.commands().name(), command("second", "a", null, new Note("n", 1)));
        registry.reachable(false);

        // The note is the first Noted event: its schema must be registered before it can be written.
        assertThatThrownBy(() -> rawCommands.pipeInput("a".getBytes(StandardCharsets.UTF_8), note))
                .isInstanceOf(StreamsException.class);

        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(results.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
        registry.reachable(true);
        commands.pipeInput("a", command("second", "a", null, new Note("n", 1)));
        assertThat(results.readValue().getVersion()).isEqualTo(2);
        assertThat(events.readValuesToList()).extracting(CounterEventEnvelope::getVersion).containsExactly(2L);
    }

    private void start(TopologySettings settings) {
        driver = TestDrivers.start("edges-test", Domain.of(List.of(CounterAggregate.TYPE)), settings, serdes,
                stateDir);
        commands = TestDrivers.input(driver, topics.commands());
        rawCommands = driver.createInputTopic(TOPICS.commands("counter"), new ByteArraySerializer(),
                new ByteArraySerializer());
        rerouted = TestDrivers.output(driver, topics.commands());
        events = TestDrivers.output(driver, topics.events());
        results = TestDrivers.output(driver, topics.results());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static long count(KeyValueStore<String, byte[]> store) {
        try (var all = store.all()) {
            long count = 0;
            for (; all.hasNext(); all.next()) {
                count++;
            }
            return count;
        }
    }

    private byte[] state(String key) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AggregateStores.of("counter").state());
        return store.get(key);
    }

    private static String keyOwnedBy(int partition, int partitions) {
        return IntStream.range(0, 1000).mapToObj(i -> "key-" + i)
                .filter(key -> Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions
                        == partition)
                .findFirst().orElseThrow();
    }
}
