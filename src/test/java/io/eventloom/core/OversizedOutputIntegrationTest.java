package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Note;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.RunningRuntime;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small command whose event would be larger than the broker takes (Kafka's default 1 MiB): it is rejected with
 * the reason, nothing is half-written, and the aggregate, its neighbours and the instance go on working.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OversizedOutputIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("oversized-output");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void givenEventOverTheBrokersLimit_whenCommandSent_thenRejectedAsRecordTooLargeAndEverythingFlows(
            TestBroker broker) {
        try (RunningRuntime running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), TOPICS,
                "oversized-output-app", stateDir)) {
            CommandResult before = send(running, "big", new Increment(1));

            CommandResult tooLarge = send(running, "big", new Note("n".repeat(100_000), 11));
            CommandResult after = send(running, "big", new Increment(1));
            CommandResult neighbour = send(running, "small", new Note("fits", 1_000));

            assertThat(before.getVersion()).isEqualTo(1);
            assertThat(tooLarge.getStatus()).isEqualTo(CommandStatus.REJECTED);
            assertThat(tooLarge.getRejectionCode()).isEqualTo(RuntimeRejections.RECORD_TOO_LARGE);
            assertThat(tooLarge.getRejectionMessage()).contains("event 2 (Noted) would be 1100");
            assertThat(after.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(after.getVersion()).isEqualTo(2);
            assertThat(neighbour.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            Snapshot<?> big = running.runtime().aggregates().state("counter", "big").orElseThrow();
            assertThat(((CounterState) big.state()).getValue()).isEqualTo(2);
            assertThat(running.runtime().aggregates().history("counter", "big")).hasSize(2);
            assertThat(running.runtime().health()).allSatisfy(check -> assertThat(check.check().up()).isTrue());
            assertThat(KafkaTestClients.readAll(broker.bootstrapServers(), TOPICS.deadLetters(), TIMEOUT,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())).isEmpty();
        }
    }

    private static CommandResult send(RunningRuntime running, String aggregate,
                                      org.apache.avro.specific.SpecificRecord payload) {
        return running.gateway().send("counter", aggregate, payload, CommandOptions.defaults(), TIMEOUT).join();
    }
}
