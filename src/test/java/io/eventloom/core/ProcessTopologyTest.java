package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.EchoState;
import io.eventloom.core.counter.Increment;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A process manager wired to an aggregate on the test driver: routing, commands sent, state kept and dropped. */
class ProcessTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("test");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;
    private TestOutputTopic<String, CommandResult> results;

    @BeforeEach
    void startDriver() {
        AvroSerdes serdes = TestSerdes.inMemory();
        CounterTopics topics = CounterTopics.of(TOPICS, serdes);
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(EchoProcess.TYPE));
        driver = TestDrivers.start("process-test", domain, TopologySettings.of(TOPICS, 1), serdes, stateDir);
        commands = TestDrivers.input(driver, topics.commands());
        results = TestDrivers.output(driver, topics.results());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenEchoProcess_whenSourceIncremented_thenProcessSendsDerivedCommandToTarget() {
        commands.pipeInput("src-1", CommandTopologyTest.command("cmd-1", "src-1", null, new Increment(4)));

        List<CommandResult> all = results.readValuesToList();
        assertThat(all).extracting(CommandResult::getAggregateId).containsExactly("src-1", "dst-1");
        CommandResult echoed = all.get(1);
        assertThat(echoed.getCommandId()).startsWith("echo:");
        assertThat(echoed.getCorrelationId()).isEqualTo("src-1");
        assertThat(echoed.getVersion()).isEqualTo(1);
        assertThat(echoState("src-1")).isEqualTo(new EchoState(1, 1, -1L, 0));
    }

    @Test
    void givenInstanceReachesTerminalState_thenItsStateIsDropped() {
        for (int i = 0; i < EchoProcess.DONE_AFTER; i++) {
            commands.pipeInput("src-1", CommandTopologyTest.command("cmd-" + i, "src-1", null, new Increment(1)));
        }

        assertThat(results.readValuesToList()).filteredOn(r -> r.getAggregateId().equals("dst-1")).hasSize(3);
        assertThat(echoState("src-1")).isNull();
    }

    @Test
    void givenInputNotForAnyInstance_thenProcessIgnoresIt() {
        commands.pipeInput("plain", CommandTopologyTest.command("cmd-1", "plain", null, new Increment(1)));

        assertThat(results.readValuesToList()).extracting(CommandResult::getAggregateId).containsExactly("plain");
    }

    @Test
    void givenClientTakesTheIdTheProcessWillUse_whenProcessSendsIt_thenBothAreAppliedAndProcessCountsOnlyItsOwn() {
        // The echo's id is derived from the source event's id, which anyone can compute.
        String eventId = UUID.nameUUIDFromBytes("counter/src-1/cmd-1/1".getBytes(StandardCharsets.UTF_8)).toString();
        commands.pipeInput("dst-1", CommandTopologyTest.command("echo:" + eventId, "dst-1", null, new Increment(100)));

        commands.pipeInput("src-1", CommandTopologyTest.command("cmd-1", "src-1", null, new Increment(4)));

        List<CommandResult> all = results.readValuesToList();
        assertThat(all).extracting(CommandResult::getAggregateId, CommandResult::getVersion, CommandResult::getProcess)
                .containsExactly(tuple("dst-1", 1L, null), tuple("src-1", 1L, null), tuple("dst-1", 2L, "echo"));
        assertThat(echoState("src-1")).as("the client's result is not the process's").isEqualTo(new EchoState(1, 1, -1L, 0));
    }

    @Test
    void givenClientCommandNamedLikeTheProcesses_whenAnswered_thenProcessNeverSeesItsResult() {
        commands.pipeInput("src-2", CommandTopologyTest.command("cmd-1", "src-2", null, new Increment(1)));
        results.readValuesToList();

        // Named and correlated like the process's own echo of src-2.
        CounterCommandEnvelope forged = CommandTopologyTest.command("echo:forged", "dst-2", null, new Increment(1));
        forged.setCorrelationId("src-2");
        commands.pipeInput("dst-2", forged);

        assertThat(results.readValue().getProcess()).isNull();
        assertThat(echoState("src-2")).isEqualTo(new EchoState(1, 1, -1L, 0));
    }

    @Test
    void givenEchoNeverAnswered_whenItsDeadlinePasses_thenTheInstanceTimesOutOnWallClockTime() {
        commands.pipeInput("src-3", CommandTopologyTest.command("cmd-1", "src-3", null,
                new Increment(EchoProcess.UNANSWERED)));
        assertThat(echoState("src-3").getWaitingSince()).as("the echo was dead-lettered, never answered")
                .isNotNegative();
        assertThat(deadlines()).hasSize(1);

        driver.advanceWallClockTime(EchoProcess.PATIENCE.minusSeconds(5));
        assertThat(echoState("src-3").getTimedOut()).isZero();
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(echoState("src-3")).isEqualTo(new EchoState(1, 1, -1L, 1));
        assertThat(deadlines()).as("no deadline left once nothing is awaited").isEmpty();
    }

    @Test
    void givenFinishedInstance_whenAResultComesLate_thenNothingIsStoredForIt() {
        for (int i = 0; i < EchoProcess.DONE_AFTER; i++) {
            commands.pipeInput("src-4", CommandTopologyTest.command("c-" + i, "src-4", null, new Increment(1)));
        }
        assertThat(echoState("src-4")).isNull();

        // A retry of the process's last echo command is answered again from the dedupe store.
        results.readValuesToList();
        commands.pipeInput("src-4", CommandTopologyTest.command("c-0", "src-4", null, new Increment(1)));

        assertThat(echoState("src-4")).as("a repeat of a finished instance's input").isNull();
    }

    private List<String> deadlines() {
        KeyValueStore<String, String> store = driver.getKeyValueStore("echo-process-deadlines");
        List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private EchoState echoState(String instance) {
        KeyValueStore<String, EchoState> store = driver.getKeyValueStore("echo-process-state");
        return store.get(instance);
    }
}
