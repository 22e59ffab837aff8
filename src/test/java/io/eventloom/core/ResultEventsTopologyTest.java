package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Note;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.SwitchableRegistryClient;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.eventloom.core.CommandTopologyTest.command;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command sent through a gateway gets its events in its result, byte for byte as the events topic holds them, so
 * the gateway answers without reading them back; every other result stays as small as before.
 */
class ResultEventsTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("result-events");
    private static final byte[] KEY = "a".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    private final AvroSerdes serdes = TestSerdes.on(new SwitchableRegistryClient());
    private final CounterTopics topics = CounterTopics.of(TOPICS, serdes);
    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;
    private TestOutputTopic<byte[], byte[]> events;
    private TestOutputTopic<String, CommandResult> results;

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenACommandWithARequestId_whenAccepted_thenItsResultCarriesItsEventsAsTheEventsTopicHoldsThem() {
        start(RecordLimit.DEFAULT);

        commands.pipeInput(new TestRecord<>("a", command("c-1", "a", null, new Note("n", 1)), gatewayHeaders()));
        commands.pipeInput(new TestRecord<>("a", command("c-2", "a", null, new Increment(5)), gatewayHeaders()));

        List<byte[]> appended = events.readValuesToList();
        List<CommandResult> answered = results.readValuesToList();
        assertThat(appended).hasSize(2);
        assertThat(answered).extracting(CommandResult::getEventCount).containsExactly(1, 1);
        assertThat(answered.get(0).getEvents()).containsExactly(ByteBuffer.wrap(appended.get(0)));
        assertThat(answered.get(1).getEvents()).containsExactly(ByteBuffer.wrap(appended.get(1)));
    }

    @Test
    void givenACommandFromAnotherClient_whenAccepted_thenItsResultCarriesNoEvents() {
        start(RecordLimit.DEFAULT);

        commands.pipeInput("a", command("c-1", "a", null, new Increment(5)));

        assertThat(events.readValuesToList()).hasSize(1);
        CommandResult result = results.readValue();
        assertThat(result.getEventCount()).isEqualTo(1);
        assertThat(result.getEvents()).isEmpty();
    }

    @Test
    void givenACommandRetriedWithItsId_whenDeduplicated_thenTheRepeatedResultCarriesNoEventsAndTheDedupeStoreNone() {
        start(RecordLimit.DEFAULT);
        CounterCommandEnvelope once = command("c-1", "a", null, new Increment(5));

        commands.pipeInput(new TestRecord<>("a", once, gatewayHeaders()));
        commands.pipeInput(new TestRecord<>("a", once, gatewayHeaders()));

        assertThat(events.readValuesToList()).hasSize(1);
        List<CommandResult> answered = results.readValuesToList();
        assertThat(answered).extracting(CommandResult::getVersion).containsExactly(1L, 1L);
        assertThat(answered.get(0).getEvents()).hasSize(1);
        // The first result as the dedupe store keeps it: without the events, which the history store holds already.
        assertThat(answered.get(1).getEvents()).isEmpty();
        assertThat(answered.get(1).getEventCount()).isEqualTo(1);
    }

    @Test
    void givenEventsThatFitTheLogButNotOneResultWithThem_whenAccepted_thenTheResultCarriesNone() {
        RecordLimit limit = new RecordLimit(64 * 1024);
        start(limit);
        Headers headers = gatewayHeaders();
        commands.pipeInput(new TestRecord<>("probe", command("probe", "probe", null, new Note("x".repeat(1000), 1)),
                gatewayHeaders()));
        int envelopeBytes = events.readValue().length - 1000;
        results.readValue();
        // An event whose record takes all but 12 bytes of the limit (one more byte of varint for the text's length):
        // the result adds its own fields, some 40 bytes, to it.
        int headerBytes = RecordLimit.sizeOf(new byte[0], new byte[0], headers);
        int text = limit.maxRecordBytes() - 12 - KEY.length - headerBytes - envelopeBytes - 1;

        commands.pipeInput(new TestRecord<>("a", command("big", "a", null, new Note("y".repeat(text), 1)), headers));

        byte[] event = events.readValue();
        assertThat(limit.fits(KEY, event, headers)).isTrue();
        CommandResult result = results.readValue();
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getEventCount()).isEqualTo(1);
        assertThat(result.getEvents()).isEmpty();
        result.setEvents(List.of(ByteBuffer.wrap(event)));
        assertThat(limit.fits(KEY, serialize(result), headers)).as("the premise: it would not fit").isFalse();
    }

    private byte[] serialize(CommandResult result) {
        return topics.results().valueSerde().serializer().serialize(topics.results().name(), result);
    }

    private static Headers gatewayHeaders() {
        return new RecordHeaders().add(CommandGateway.REQUEST_ID_HEADER,
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private void start(RecordLimit limit) {
        driver = TestDrivers.start("result-events-test", Domain.of(List.of(CounterAggregate.TYPE)),
                TopologySettings.of(TOPICS, 1).withRecordLimit(limit), serdes, stateDir);
        commands = TestDrivers.input(driver, topics.commands());
        events = driver.createOutputTopic(TOPICS.events("counter"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        results = TestDrivers.output(driver, topics.results());
    }
}
