package io.eventloom.core;

import io.eventloom.testing.MovableClock;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Kafka Streams states make an instance ready (it can serve) and live (it has not failed for good). */
class StreamsHealthTest {

    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ThreadFailures failures = new ThreadFailures(clock);
    private final StreamsHealth health = new StreamsHealth(state::get, failures,
            new RestoreProgress(RuntimeMetrics.inMemory()));

    @Test
    void givenStarting_whenItRebalancesBeforeEverRunning_thenNotReadyUntilRunning() {
        assertThat(ready()).as("CREATED").isFalse();

        enter(State.REBALANCING);
        assertThat(ready()).as("the first rebalance: stores may still be restoring").isFalse();

        enter(State.RUNNING);
        assertThat(ready()).isTrue();
    }

    @Test
    void givenRanOnce_whenItRebalances_thenStillReadyAndTheStateSaysRebalancing() {
        enter(State.REBALANCING);
        enter(State.RUNNING);

        enter(State.REBALANCING);

        assertThat(ready()).isTrue();
        assertThat(health.readiness().check().details()).containsEntry("state", "REBALANCING")
                .containsKey("restoringPartitions");
    }

    @Test
    void givenRanOnce_whenStoppingOrFailed_thenNotReady() {
        enter(State.RUNNING);

        for (State stopped : EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR,
                State.ERROR)) {
            enter(stopped);
            assertThat(ready()).as(stopped.name()).isFalse();
        }
    }

    @Test
    void givenRunning_whenAStreamThreadFailed_thenNotReadyFor15SecondsThenReadyAgain() {
        enter(State.RUNNING);

        failures.failed(new IllegalStateException("registry down"));
        assertThat(ready()).isFalse();

        clock.advance(StreamsHealth.UNREADY_AFTER_FAILURE.minusMillis(1));
        assertThat(ready()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(ready()).isTrue();
        // The failure stays in the details for a while after readiness returns, for whoever looks.
        assertThat(health.readiness().check().details()).containsKey("lastFailure");
    }

    @Test
    void givenEveryState_whenLivenessChecked_thenDownOnlyInErrorOrPendingError() {
        for (State each : State.values()) {
            state.set(each);

            boolean failed = each == State.ERROR || each == State.PENDING_ERROR;
            assertThat(health.liveness().check().up()).as(each.name()).isEqualTo(!failed);
            assertThat(health.liveness().check().details()).containsEntry("state", each.name());
        }
        assertThat(health.liveness().name()).isEqualTo("streams");
    }

    private void enter(State next) {
        state.set(next);
        health.onChange(next);
    }

    private boolean ready() {
        return health.readiness().check().up();
    }

    @Test
    void givenTwoApplications_thenTheirStateTogetherIsTheLeastReadyOfTheirStates() {
        assertThat(StreamsHealth.leastReadyOf(List.of(State.RUNNING, State.RUNNING))).isEqualTo(State.RUNNING);
        assertThat(StreamsHealth.leastReadyOf(List.of(State.RUNNING, State.REBALANCING))).isEqualTo(State.REBALANCING);
        assertThat(StreamsHealth.leastReadyOf(List.of(State.CREATED, State.REBALANCING))).isEqualTo(State.CREATED);
        assertThat(StreamsHealth.leastReadyOf(List.of(State.NOT_RUNNING, State.RUNNING))).isEqualTo(State.NOT_RUNNING);
        assertThat(StreamsHealth.leastReadyOf(List.of(State.RUNNING, State.ERROR))).isEqualTo(State.ERROR);
        assertThat(StreamsHealth.leastReadyOf(List.of(State.PENDING_SHUTDOWN, State.PENDING_ERROR)))
                .isEqualTo(State.PENDING_ERROR);
    }
}
