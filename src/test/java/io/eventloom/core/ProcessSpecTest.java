package io.eventloom.core;

import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.EchoState;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Incremented;
import io.eventloom.core.testing.ProcessSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessSpecTest {

    private final ProcessSpec<EchoState> echo = ProcessSpec.of(new EchoProcess());

    @Test
    void givenInputs_whenInput_thenCommandsAndStateMatch() {
        var outcome = echo.given(incremented("e-1", 1)).when(incremented("e-2", 5))
                .thenCommands(new ProcessCommand("counter", "dst-1", "echo:e-2", "src-1", "e-2", new Increment(5)))
                .thenTerminal(false);

        assertThat(outcome.state()).isEqualTo(new EchoState(2, 0, 0L, 0));
    }

    @Test
    void whenExpectationDiffers_thenAssertionErrorExplainsIt() {
        assertThatThrownBy(() -> echo.when(incremented("e-1", 1)).thenNoCommands())
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected commands []");
        assertThatThrownBy(() -> echo.when(incremented("e-1", 1)).thenTerminal(true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected the instance to be finished");
    }

    @Test
    void givenInstanceFinished_whenAnotherInput_thenItMeetsTheInitialStateAsInTheRuntime() {
        ProcessInput acknowledged = new ProcessInput.Result("counter", io.eventloom.core.avro.CommandResult
                .newBuilder().setCommandId("echo:e").setAggregateId("dst-1")
                .setStatus(io.eventloom.core.avro.CommandStatus.ACCEPTED).setVersion(1).setEventCount(1)
                .setCorrelationId("src-1").setProcessedAt(Instant.EPOCH).build());

        var outcome = echo.given(incremented("e-1", 1), acknowledged, incremented("e-2", 1), acknowledged,
                incremented("e-3", 1), acknowledged).when(incremented("e-4", 1));

        assertThat(outcome.state()).isEqualTo(new EchoState(1, 0, 0L, 0));
    }

    @Test
    void givenEchoAwaited_thenItsDeadlineIsKeptAndATimeoutGivesUpOnIt() {
        echo.when(incremented("e-1", 1)).thenDeadline(Optional.of(Instant.EPOCH.plus(EchoProcess.PATIENCE)));

        var outcome = echo.given(incremented("e-1", 1)).when(new ProcessInput.Timeout("src-1", Instant.now()))
                .thenCommands(new ProcessCommand("counter", "given-up-1", "echo:given-up:src-1:1", "src-1", "timeout",
                        new Increment(1)))
                .thenDeadline(Optional.empty());

        assertThat(outcome.state().getTimedOut()).isEqualTo(1);
    }

    private static ProcessInput incremented(String eventId, int amount) {
        return new ProcessInput.Event("counter", new StoredEvent(eventId, "src-1", 1, Instant.EPOCH, "c", "c",
                Optional.empty(), new Incremented(amount)));
    }
}
