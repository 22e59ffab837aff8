package io.eventloom.core.counter;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.ProcessManager;
import io.eventloom.core.ProcessType;
import io.eventloom.core.avro.CommandStatus;

import java.util.List;
import java.util.Optional;

/**
 * Echoes every increment of a counter named {@code src-X} onto counter {@code dst-X}, and counts the echoes
 * acknowledged; done after {@link #DONE_AFTER} acknowledgements. The runtime's test process.
 */
public final class EchoProcess implements ProcessManager<EchoState> {

    public static final int DONE_AFTER = 3;
    public static final ProcessType<EchoState> TYPE = new ProcessType<>("echo", new EchoProcess(), EchoState.class,
            List.of("counter"), List.of("counter"), List.of("counter"));
    private static final String PREFIX = "echo:";

    @Override
    public EchoState initialState() {
        return new EchoState(0, 0);
    }

    @Override
    public Optional<String> instanceOf(ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            String id = event.event().aggregateId();
            return id.startsWith("src-") ? Optional.of(id) : Optional.empty();
        }
        var result = ((ProcessInput.Result) input).result();
        return result.getCommandId().startsWith(PREFIX) ? Optional.of(result.getCorrelationId()) : Optional.empty();
    }

    @Override
    public List<ProcessCommand> react(EchoState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event && event.event().payload() instanceof Incremented incremented) {
            String source = event.event().aggregateId();
            return List.of(new ProcessCommand("counter", "dst-" + source.substring(4),
                    PREFIX + event.event().eventId(), source, event.event().eventId(),
                    new Increment(incremented.getAmount())));
        }
        return List.of();
    }

    @Override
    public EchoState evolve(EchoState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event && event.event().payload() instanceof Incremented) {
            return new EchoState(state.getForwarded() + 1, state.getAcknowledged());
        }
        if (input instanceof ProcessInput.Result result && result.result().getStatus() == CommandStatus.ACCEPTED) {
            return new EchoState(state.getForwarded(), state.getAcknowledged() + 1);
        }
        return state;
    }

    @Override
    public boolean isTerminal(EchoState state) {
        return state.getAcknowledged() >= DONE_AFTER;
    }
}
