package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.Increment;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.eventloom.core.CommandTopologyTest.command;
import static org.assertj.core.api.Assertions.assertThat;

/** What the command processor, the process processor and the dead-letter handler count, on the test driver. */
class RuntimeMetricsTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("test");

    @TempDir
    Path stateDir;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RuntimeMetrics metrics = new RuntimeMetrics(registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;

    @BeforeEach
    void startDriver() {
        AvroSerdes serdes = TestSerdes.inMemory();
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(EchoProcess.TYPE));
        driver = TestDrivers.start("metrics-test", domain, TopologySettings.of(TOPICS, 1), serdes, stateDir,
                metrics);
        commands = TestDrivers.input(driver, CounterTopics.of(TOPICS, serdes).commands());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenAcceptedAndRejectedCommands_thenEachCountedByOutcomeAndCodeWithTheEventsAppended() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));
        commands.pipeInput("c-1", command("cmd-2", "c-1", null, new Increment(-3)));
        commands.pipeInput("c-1", command("cmd-3", "c-1", 0L, new Increment(1)));

        assertThat(count("eventloom.commands", "outcome", "accepted", "code", "none", "command", "Increment"))
                .isEqualTo(1);
        assertThat(count("eventloom.commands", "outcome", "rejected", "code", "INVALID_AMOUNT")).isEqualTo(1);
        assertThat(count("eventloom.commands", "outcome", "rejected", "code", "CONCURRENCY_CONFLICT")).isEqualTo(1);
        assertThat(count("eventloom.events.appended", "type", "counter", "event", "Incremented")).isEqualTo(1);
    }

    @Test
    void givenACommandIdAgain_whenSamePayload_thenADedupeHit_andWhenAnotherPayload_thenARejection() {
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));

        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(5)));
        commands.pipeInput("c-1", command("cmd-1", "c-1", null, new Increment(6)));

        assertThat(count("eventloom.commands.deduplicated", "type", "counter")).isEqualTo(1);
        assertThat(count("eventloom.commands", "outcome", "rejected", "code", "IDEMPOTENCY_KEY_REUSED"))
                .isEqualTo(1);
        assertThat(count("eventloom.commands", "outcome", "accepted")).as("the first only").isEqualTo(1);
    }

    @Test
    void givenUndecodableBytes_thenADeadLetterCountedByTheTopicTheyCameFrom() {
        driver.createInputTopic(TOPICS.commands("counter"), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput("c-1".getBytes(StandardCharsets.UTF_8), new byte[]{1, 2, 3});

        assertThat(count("eventloom.dead.letters", "source", TOPICS.commands("counter"))).isEqualTo(1);
    }

    @Test
    void givenAnEchoNeverAnswered_whenItsDeadlinePasses_thenOneTimeoutAndTheStepEnteredOnce() {
        commands.pipeInput("src-1", command("cmd-1", "src-1", null, new Increment(EchoProcess.UNANSWERED)));
        commands.pipeInput("src-1", command("cmd-2", "src-1", null, new Increment(EchoProcess.UNANSWERED)));
        assertThat(count("eventloom.saga.steps", "process", "echo", "step", "started")).isEqualTo(1);
        assertThat(count("eventloom.saga.timeouts", "process", "echo")).isZero();
        assertThat(inFlight()).isEqualTo(1);

        driver.advanceWallClockTime(EchoProcess.PATIENCE.plus(Duration.ofSeconds(5)));

        assertThat(count("eventloom.saga.timeouts", "process", "echo")).isEqualTo(1);
        assertThat(count("eventloom.dead.letters", "source", "metrics-test-echo-to-counter-repartition"))
                .isEqualTo(2);
    }

    @Test
    void givenAnInstanceThatFinishes_thenItsLastStepIsFinished() {
        for (int i = 0; i < EchoProcess.DONE_AFTER; i++) {
            commands.pipeInput("src-2", command("cmd-" + i, "src-2", null, new Increment(1)));
        }

        assertThat(count("eventloom.saga.steps", "process", "echo", "step", "started")).isEqualTo(1);
        assertThat(count("eventloom.saga.steps", "process", "echo", "step", "finished")).isEqualTo(1);
        assertThat(inFlight()).as("a finished instance is not stored").isZero();
    }

    private double inFlight() {
        return registry.get("eventloom.saga.instances").tag("process", "echo").gauge().value();
    }

    private double count(String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
