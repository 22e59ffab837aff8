package io.eventloom.core;

import java.util.List;
import java.util.Objects;

/** What a decider answers to a command: the events to append, or a rejection with a code and a message. */
public sealed interface Decision<E> permits Decision.Accepted, Decision.Rejected {

    /** The command is valid; these events (possibly none, for a no-op) are appended in order. */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** The command breaks a business rule; nothing is appended. {@code code} is stable, {@code message} is for people. */
    record Rejected<E>(String code, String message) implements Decision<E> {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    @SafeVarargs
    static <E> Decision<E> accept(E... events) {
        return new Accepted<>(List.of(events));
    }

    static <E> Decision<E> accept(List<E> events) {
        return new Accepted<>(events);
    }

    static <E> Decision<E> reject(String code, String message) {
        return new Rejected<>(code, message);
    }
}
