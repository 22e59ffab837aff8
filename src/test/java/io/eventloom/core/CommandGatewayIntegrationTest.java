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
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.testing.RunningRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

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
        AggregateReader reader = new AggregateReader(runtime.streams(), DOMAIN.aggregates());
        Snapshot<?> snapshot = reader.state("counter", "g-1").orElseThrow();
        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.state()).isEqualTo(new CounterState(7, false));
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

        assertThat(again).isEqualTo(first);
        assertThat(new AggregateReader(runtime.streams(), DOMAIN.aggregates()).history("counter", "g-2")).hasSize(1);
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
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(running.registry().url()),
                AvroSerdeConfig.autoRegistering());
        try (CommandGateway idle = new CommandGateway(KafkaClientSettings.of(broker.bootstrapServers()), IDLE,
                DOMAIN.aggregates(), serdes, Clock.systemUTC())) {
            var future = idle.send("counter", "x", new Increment(1), CommandOptions.withId("lost-1"),
                    Duration.ofMillis(500));

            assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CommandTimeoutException.class).hasMessageContaining("lost-1");
        }
    }

    @Test
    void givenUnknownType_whenSent_thenRejectedBeforeSending() {
        assertThatThrownBy(() -> gateway.send("nope", "x", new Increment(1), CommandOptions.defaults(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining(
                        "counter");
    }

    private static CommandResult send(String id, Increment command, CommandOptions options) throws Exception {
        return gateway.send("counter", id, command, options, TIMEOUT).get();
    }
}
