package io.eventloom.core.testing;

import io.eventloom.core.Decider;
import io.eventloom.core.Decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Given-events / when-command / then-events-or-rejection tests for a decider, with no test framework needed:
 * a failed expectation throws {@link AssertionError}.
 *
 * <pre>{@code
 * DeciderSpec.of(new ProductDecider())
 *     .given(productCreated, stockReserved)
 *     .when(new ReserveStock("order-9", 3, new Money(1250L, "EUR")))
 *     .thenRejected("OUT_OF_STOCK");
 * }</pre>
 */
public final class DeciderSpec<C, E, S> {

    private final Decider<C, E, S> decider;
    private final List<E> history;

    private DeciderSpec(Decider<C, E, S> decider, List<E> history) {
        this.decider = decider;
        this.history = history;
    }

    public static <C, E, S> DeciderSpec<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpec<>(Objects.requireNonNull(decider, "decider"), List.of());
    }

    @SafeVarargs
    public final DeciderSpec<C, E, S> given(E... events) {
        List<E> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(events));
        return new DeciderSpec<>(decider, List.copyOf(all));
    }

    /** Folds the given events from the initial state, then decides the command. */
    public Outcome<C, E, S> when(C command) {
        S state = decider.fold(decider.initialState(), history);
        return new Outcome<>(decider, command, state, decider.decide(command, state));
    }

    /** The decision for one command, with expectations on it. */
    public static final class Outcome<C, E, S> {
        private final Decider<C, E, S> decider;
        private final C command;
        private final S stateBefore;
        private final Decision<E> decision;

        private Outcome(Decider<C, E, S> decider, C command, S stateBefore, Decision<E> decision) {
            this.decider = decider;
            this.command = command;
            this.stateBefore = stateBefore;
            this.decision = decision;
        }

        @SafeVarargs
        public final Outcome<C, E, S> thenEvents(E... expected) {
            List<E> actual = accepted();
            if (!actual.equals(List.of(expected))) {
                throw new AssertionError("when " + command + "\nexpected events " + List.of(expected)
                        + "\n but were " + actual);
            }
            return this;
        }

        /** Accepted with no events: the command was already satisfied. */
        public Outcome<C, E, S> thenNothingHappens() {
            List<E> actual = accepted();
            if (!actual.isEmpty()) {
                throw new AssertionError("when " + command + "\nexpected no events but were " + actual);
            }
            return this;
        }

        public Outcome<C, E, S> thenRejected(String code) {
            Decision.Rejected<E> rejected = rejected();
            if (!rejected.code().equals(code)) {
                throw new AssertionError("when " + command + "\nexpected rejection " + code + " but was "
                        + rejected.code() + ": " + rejected.message());
            }
            return this;
        }

        public Outcome<C, E, S> thenRejected(String code, String messagePart) {
            thenRejected(code);
            String message = rejected().message();
            if (!message.contains(messagePart)) {
                throw new AssertionError("when " + command + "\nexpected rejection message containing '"
                        + messagePart + "' but was '" + message + "'");
            }
            return this;
        }

        /** The state after folding the decided events onto the state before the command. */
        public Outcome<C, E, S> thenState(S expected) {
            S actual = decider.fold(stateBefore, accepted());
            if (!Objects.equals(actual, expected)) {
                throw new AssertionError("when " + command + "\nexpected state " + expected + "\n but was " + actual);
            }
            return this;
        }

        public Decision<E> decision() {
            return decision;
        }

        private List<E> accepted() {
            if (decision instanceof Decision.Accepted<E> accepted) {
                return accepted.events();
            }
            Decision.Rejected<E> rejected = (Decision.Rejected<E>) decision;
            throw new AssertionError("when " + command + "\nexpected acceptance but was rejected "
                    + rejected.code() + ": " + rejected.message());
        }

        private Decision.Rejected<E> rejected() {
            if (decision instanceof Decision.Rejected<E> rejected) {
                return rejected;
            }
            throw new AssertionError("when " + command + "\nexpected a rejection but was accepted with "
                    + ((Decision.Accepted<E>) decision).events());
        }
    }
}
