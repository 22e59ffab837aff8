package io.eventloom.core;

import java.util.List;
import java.util.Optional;

/**
 * A long-running process (saga) as pure functions: which instance an input belongs to, how the instance's state
 * changes, which commands it sends in reaction, and when it is done. No Kafka inside.
 *
 * @param <S> the state of one process instance
 */
public interface ProcessManager<S> {

    S initialState();

    /** The id of the process instance this input belongs to, or empty when the process ignores it. */
    Optional<String> instanceOf(ProcessInput input);

    /** The commands to send for this input, decided on the state before the input. */
    List<ProcessCommand> react(S state, ProcessInput input);

    /** The state after this input. */
    S evolve(S state, ProcessInput input);

    /** A finished instance's state is dropped; inputs arriving later meet the initial state again. */
    boolean isTerminal(S state);
}
