package io.eventloom.core.counter;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.ProcessManager;
import io.eventloom.core.ProcessType;
import io.eventloom.core.avro.CommandStatus;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Echoes every increment of a counter named {@code src-X} onto counter {@code dst-X}, and counts the echoes
 * acknowledged; done after {@link #DONE_AFTER} acknowledgements. An increment of {@link #UNANSWERED} is echoed as
 * an {@link Explode}, which is dead-lettered and never answered: after its patience the process gives up on it
 * and says so by incrementing counter {@code given-up-X}. The runtime's test process.
 */
public final class EchoProcess implements ProcessManager<EchoState> {

    public static final int DONE_AFTER = 3;
    public static final int UNANSWERED = 13;
    public static final Duration PATIENCE = Duration.ofMinutes(1);
    public static final ProcessType<EchoState> TYPE = type(PATIENCE);
    private static final String PREFIX = "echo:";

    private final Duration patience;

    public EchoProcess(Duration patience) {
        this.patience = patience;
    }

    public EchoProcess() {
        this(PATIENCE);
    }

    /** The echo process giving up on an unanswered echo after {@code patience}. */
    public static ProcessType<EchoState> type(Duration patience) {
        return new ProcessType<>("echo", new EchoProcess(patience), EchoState.class, "counter", List.of("counter"),
                List.of("counter"), List.of("counter"));
    }

    @Override
    public EchoState initialState() {
        return new EchoState(0, 0, -1L, 0);
    }

    @Override
    public Optional<String> instanceOf(ProcessInput.Event event) {
        String id = event.event().aggregateId();
        return id.startsWith("src-") ? Optional.of(id) : Optional.empty();
    }

    @Override
    public List<ProcessCommand> react(EchoState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event && event.event().payload() instanceof Incremented incremented) {
            String source = event.event().aggregateId();
            SpecificRecord echo = incremented.getAmount() == UNANSWERED ? new Explode()
                    : new Increment(incremented.getAmount());
            return List.of(new ProcessCommand("counter", "dst-" + source.substring(4),
                    PREFIX + event.event().eventId(), source, event.event().eventId(), echo));
        }
        if (input instanceof ProcessInput.Timeout timeout) {
            String source = timeout.instance();
            return List.of(new ProcessCommand("counter", "given-up-" + source.substring(4),
                    PREFIX + "given-up:" + source + ":" + state.getForwarded(), source, "timeout",
                    new Increment(state.getForwarded() - state.getAcknowledged())));
        }
        return List.of();
    }

    @Override
    public EchoState evolve(EchoState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event && event.event().payload() instanceof Incremented) {
            long waitingSince = state.getWaitingSince() < 0 ? event.event().occurredAt().toEpochMilli()
                    : state.getWaitingSince();
            return new EchoState(state.getForwarded() + 1, state.getAcknowledged(), waitingSince,
                    state.getTimedOut());
        }
        if (input instanceof ProcessInput.Result result && result.result().getStatus() == CommandStatus.ACCEPTED
                && result.result().getAggregateId().startsWith("dst-")) {
            int acknowledged = state.getAcknowledged() + 1;
            return new EchoState(state.getForwarded(), acknowledged,
                    acknowledged >= state.getForwarded() ? -1L : state.getWaitingSince(), state.getTimedOut());
        }
        if (input instanceof ProcessInput.Timeout) {
            // Gives up on every echo still unanswered.
            return new EchoState(state.getForwarded(), state.getForwarded(), -1L,
                    state.getTimedOut() + state.getForwarded() - state.getAcknowledged());
        }
        return state;
    }

    @Override
    public Optional<Instant> deadline(EchoState state) {
        return state.getWaitingSince() < 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(state.getWaitingSince()).plus(patience));
    }

    @Override
    public boolean isTerminal(EchoState state) {
        return state.getAcknowledged() - state.getTimedOut() >= DONE_AFTER;
    }
}
