package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.testing.RunningRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the real broker, a process manager whose command is never answered (dead-lettered) gets its timeout on the
 * runtime's wall clock and acts on it, while an answered one never does.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessTimeoutIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("process-timeout");
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    @TempDir
    Path stateDir;

    @Test
    void givenEchoNeverAnswered_whenItsPatienceRunsOut_thenTheProcessGivesUpAndSaysSo(TestBroker broker) {
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(EchoProcess.type(PATIENCE)));
        try (RunningRuntime running = RunningRuntime.start(broker, domain, TOPICS, "process-timeout-app",
                stateDir)) {
            send(running, "src-lost", EchoProcess.UNANSWERED);
            send(running, "src-kept", 1);

            await().atMost(Duration.ofSeconds(60)).until(() -> running.runtime().aggregates()
                    .state("counter", "given-up-lost").isPresent());
            assertThat(running.runtime().aggregates().history("counter", "given-up-lost"))
                    .extracting(StoredEvent::correlationId).containsExactly("src-lost");
            assertThat(running.runtime().aggregates().state("counter", "dst-kept")).isPresent();
            await().pollDelay(PATIENCE.multipliedBy(2)).atMost(Duration.ofSeconds(30)).until(() -> true);
            assertThat(running.runtime().aggregates().state("counter", "given-up-kept"))
                    .as("an answered echo never times out").isEmpty();
        }
    }

    private static void send(RunningRuntime running, String aggregate, int amount) {
        running.gateway().send("counter", aggregate, new Increment(amount), CommandOptions.defaults(),
                Duration.ofSeconds(30)).join();
    }
}
