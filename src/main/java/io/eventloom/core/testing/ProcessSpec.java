package io.eventloom.core.testing;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.ProcessManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Given-inputs / when-input / then-commands tests for a process manager, with no test framework needed:
 * a failed expectation throws {@link AssertionError}. The given inputs are applied as the runtime applies them:
 * an instance that reaches a terminal state is dropped, so the next input meets the initial state again.
 */
public final class ProcessSpec<S> {

    private final ProcessManager<S> manager;
    private final List<ProcessInput> history;

    private ProcessSpec(ProcessManager<S> manager, List<ProcessInput> history) {
        this.manager = manager;
        this.history = history;
    }

    public static <S> ProcessSpec<S> of(ProcessManager<S> manager) {
        return new ProcessSpec<>(Objects.requireNonNull(manager, "manager"), List.of());
    }

    public ProcessSpec<S> given(ProcessInput... inputs) {
        List<ProcessInput> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(inputs));
        return new ProcessSpec<>(manager, List.copyOf(all));
    }

    /** Evolves the given inputs from the initial state, then reacts to and evolves with {@code input}. */
    public Outcome<S> when(ProcessInput input) {
        S state = manager.initialState();
        for (ProcessInput earlier : history) {
            S next = manager.evolve(state, earlier);
            state = manager.isTerminal(next) ? manager.initialState() : next;
        }
        return new Outcome<>(manager, input, manager.react(state, input), manager.evolve(state, input));
    }

    /** The commands sent for one input and the state after it, with expectations on them. */
    public static final class Outcome<S> {
        private final ProcessManager<S> manager;
        private final ProcessInput input;
        private final List<ProcessCommand> commands;
        private final S state;

        private Outcome(ProcessManager<S> manager, ProcessInput input, List<ProcessCommand> commands, S state) {
            this.manager = manager;
            this.input = input;
            this.commands = commands;
            this.state = state;
        }

        public Outcome<S> thenCommands(ProcessCommand... expected) {
            if (!commands.equals(List.of(expected))) {
                throw new AssertionError("when " + input + "\nexpected commands " + List.of(expected)
                        + "\n but were " + commands);
            }
            return this;
        }

        public Outcome<S> thenNoCommands() {
            return thenCommands();
        }

        public Outcome<S> thenTerminal(boolean expected) {
            if (manager.isTerminal(state) != expected) {
                throw new AssertionError("when " + input + "\nexpected the instance " + (expected ? "" : "not ")
                        + "to be finished, state " + state);
            }
            return this;
        }

        /** The deadline the runtime would keep for the instance after the input: none once it is finished. */
        public Outcome<S> thenDeadline(Optional<Instant> expected) {
            Optional<Instant> actual = manager.isTerminal(state) ? Optional.empty() : manager.deadline(state);
            if (!actual.equals(expected)) {
                throw new AssertionError("when " + input + "\nexpected deadline " + expected + "\n but was " + actual);
            }
            return this;
        }

        /** The step the instance is at after the input, as its metrics name it. */
        public Outcome<S> thenStep(String expected) {
            String actual = manager.step(state);
            if (!actual.equals(expected)) {
                throw new AssertionError("when " + input + "\nexpected step " + expected + "\n but was " + actual);
            }
            return this;
        }

        public S state() {
            return state;
        }

        public List<ProcessCommand> commands() {
            return commands;
        }
    }
}
