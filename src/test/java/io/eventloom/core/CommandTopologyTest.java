package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Explode;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Incremented;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.CapturedLogs;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command sub-topology on Kafka Streams' test driver: accept, reject, dedupe, conflict, dead letters. */
class CommandTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("test");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;
    private TestInputTopic<byte[], byte[]> rawCommands;
    private TestOutputTopic<String, CounterEventEnvelope> events;
    private TestOutputTopic<String, CommandResult> results;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        AvroSerdes serdes = TestSerdes.inMemory();
        CounterTopics topics = CounterTopics.of(TOPICS, serdes);
        driver = TestDrivers.start("topology-test", Domain.of(List.of(CounterAggregate.TYPE)),
                TopologySettings.of(TOPICS, 1), serdes, stateDir);
        commands = TestDrivers.input(driver, topics.commands());
        rawCommands = driver.createInputTopic(TOPICS.commands("counter"), new ByteArraySerializer(),
                new ByteArraySerializer());
        events = TestDrivers.output(driver, topics.events());
        results = TestDrivers.output(driver, topics.results());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenNewAggregate_whenCommandAccepted_thenEventsAtVersionOneAndAcceptedResult() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));

        List<TestRecord<String, CounterEventEnvelope>> appended = events.readRecordsToList();
        assertThat(appended).hasSize(1);
        assertThat(appended.get(0).key()).isEqualTo("c-1");
        CounterEventEnvelope event = appended.get(0).value();
        assertThat(event.getVersion()).isEqualTo(1);
        assertThat(event.getPayload()).isEqualTo(new Incremented(5));
        assertThat(event.getCommandId()).isEqualTo("cmd-1");
        assertThat(event.getCausationId()).isEqualTo("cmd-1");
        CommandResult result = results.readValue();
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getVersion()).isEqualTo(1);
        assertThat(result.getEventCount()).isEqualTo(1);
        assertThat(result.getEventTypes()).containsExactly("Incremented");
    }

    @Test
    void givenAcceptedCommands_whenMore_thenVersionsAreContiguousPerAggregate() {
        commands.pipeInput("a", command("1", "a", null, new Increment(1)));
        commands.pipeInput("b", command("2", "b", null, new Increment(1)));
        commands.pipeInput("a", command("3", "a", null, new Increment(1)));

        assertThat(events.readRecordsToList()).extracting(r -> r.key() + "@" + r.value().getVersion())
                .containsExactly("a@1", "b@1", "a@2");
    }

    @Test
    void givenBusinessRuleBroken_whenCommand_thenRejectedWithDecidersCodeAndNoEvents() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(-3)));

        assertThat(events.isEmpty()).isTrue();
        CommandResult result = results.readValue();
        assertThat(result.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(result.getRejectionCode()).isEqualTo("INVALID_AMOUNT");
        assertThat(result.getRejectionMessage()).contains("-3");
        assertThat(result.getVersion()).isZero();
    }

    @Test
    void givenProcessedCommand_whenSameCommandIdAgain_thenSameResultAndNothingAppended() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));
        CommandResult first = results.readValue();
        events.readRecordsToList();

        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));

        assertThat(events.isEmpty()).isTrue();
        assertThat(results.readValue()).isEqualTo(first);
    }

    @Test
    void givenAggregateAtVersionOne_whenExpectedVersionDiffers_thenConcurrencyConflict() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));
        results.readValue();
        events.readRecordsToList();

        commands.pipeInput("c-1", command("cmd-2", "c-1", 0L, new Increment(5)));
        commands.pipeInput("c-1", command("cmd-3", "c-1", 1L, new Increment(5)));

        CommandResult conflict = results.readValue();
        assertThat(conflict.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(conflict.getRejectionCode()).isEqualTo("CONCURRENCY_CONFLICT");
        assertThat(conflict.getRejectionMessage()).contains("expected version 0").contains("version 1");
        assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(events.readValue().getVersion()).isEqualTo(2);
    }

    @Test
    void givenKeyDiffersFromEnvelope_whenCommand_thenRejectedAsInvalid() {
        commands.pipeInput("other", command("cmd-1", "c-1", null, new Increment(5)));

        assertThat(events.isEmpty()).isTrue();
        assertThat(results.readValue().getRejectionCode()).isEqualTo("INVALID_COMMAND");
    }

    // The test driver hands deserialization failures to the handler but drops its dead letters; the dead-letter
    // record itself is checked on a real broker in CommandRuntimeIT.
    @Test
    void givenUndecodableBytes_whenConsumed_thenSkippedAndProcessingGoesOn() {
        rawCommands.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));

        assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(events.readValue().getVersion()).isEqualTo(1);
    }

    @Test
    void givenDeciderThatThrows_whenDeadLettered_thenItsLogLineNamesTheCommandAndNoContextOutlivesAProcessing() {
        try (CapturedLogs logs = CapturedLogs.of(DeadLetterHandler.class)) {
            commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(1)));
            assertThat(MDC.get(LogContext.COMMAND_ID)).as("after a command processed").isNull();

            commands.pipeInput("c-1", command("cmd-2", "c-1", null, new Explode()));

            assertThat(logs.lines()).singleElement().satisfies(line -> {
                assertThat(line.message()).startsWith("Dead-lettering record test.counter.commands-0@1");
                assertThat(line.context()).containsEntry(LogContext.COMMAND_ID, "cmd-2")
                        .containsEntry(LogContext.AGGREGATE_TYPE, "counter")
                        .containsEntry(LogContext.AGGREGATE_ID, "c-1")
                        .containsKey(LogContext.CORRELATION_ID);
            });
            assertThat(MDC.get(LogContext.COMMAND_ID)).as("after a command dead-lettered").isNull();
        }
    }

    @Test
    void givenDeciderThatThrows_whenCommand_thenDeadLetteredWithContextAndStateUntouched() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Explode()));
        commands.pipeInput("c-1", command("cmd-2", "c-1", null, new Increment(1)));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).asString(StandardCharsets.UTF_8).isEqualTo("c-1");
        Map<String, String> headers = headers(dead);
        assertThat(headers.get(DeadLetterHandler.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(headers.get(DeadLetterHandler.ERROR_MESSAGE)).isEqualTo("decider bug on purpose");
        assertThat(headers.get(DeadLetterHandler.ERROR_STACKTRACE)).contains("CounterDecider.decide");
        assertThat(headers.get(DeadLetterHandler.SOURCE_TOPIC)).isEqualTo("test.counter.commands");
        assertThat(headers.get(DeadLetterHandler.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(headers.get(DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(headers.get(DeadLetterHandler.APPLICATION_ID)).isEqualTo("topology-test");
        assertThat(headers).containsKeys(DeadLetterHandler.SOURCE_TIMESTAMP, DeadLetterHandler.FAILED_AT);
        assertThat(events.readValue().getVersion()).isEqualTo(1);
        assertThat(results.readValue().getCommandId()).isEqualTo("cmd-2");
    }
    static CounterCommandEnvelope command(String commandId, String aggregateId, Long expectedVersion,
                                          SpecificRecord payload) {
        return CounterCommandEnvelope.newBuilder()
                .setCommandId(commandId)
                .setAggregateId(aggregateId)
                .setExpectedVersion(expectedVersion)
                .setIssuedAt(Instant.parse("2026-11-25T10:00:00Z"))
                .setCorrelationId(commandId)
                .setPayload(payload)
                .build();
    }

    private static Map<String, String> headers(TestRecord<byte[], byte[]> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
