package io.eventloom.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A long-running process (saga) as pure functions: which instance an event belongs to, how the instance's state
 * changes, which commands it sends in reaction, when it gives up waiting, and when it is done. No Kafka inside.
 *
 * <p>The runtime routes the results of an instance's commands back to that instance by itself, so only events
 * need {@link #instanceOf}. An instance whose state is the initial state or terminal is not stored: an input for
 * a finished instance meets the initial state again.
 *
 * @param <S> the state of one process instance
 */
public interface ProcessManager<S> {

    S initialState();

    /** The id of the process instance this event belongs to, or empty when the process ignores it. */
    Optional<String> instanceOf(ProcessInput.Event event);

    /** The commands to send for this input, decided on the state before the input. */
    List<ProcessCommand> react(S state, ProcessInput input);

    /** The state after this input. */
    S evolve(S state, ProcessInput input);

    /** A finished instance's state is dropped. */
    boolean isTerminal(S state);

    /**
     * When an instance in this state stops waiting: at that instant (by the runtime's wall clock) it gets a
     * {@link ProcessInput.Timeout} unless another input changed its state first. Empty: it waits as long as it takes.
     */
    default Optional<Instant> deadline(S state) {
        return Optional.empty();
    }

    /**
     * The name of the step an instance in this state is at, for metrics: an instance counts as entering a step when
     * an input moves it to a state whose step differs. Few distinct names, never ids. By default
     * {@code not_started} in the initial state, {@code finished} in a terminal one, {@code started} in between.
     */
    default String step(S state) {
        if (isTerminal(state)) {
            return "finished";
        }
        return state.equals(initialState()) ? "not_started" : "started";
    }
}
