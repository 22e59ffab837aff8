package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;

import java.time.Instant;
import java.util.Objects;

/**
 * What a process manager reacts to: an aggregate's event, the result of one of its own commands, or its deadline
 * passing without either.
 */
public sealed interface ProcessInput permits ProcessInput.Event, ProcessInput.Result, ProcessInput.Timeout {

    /** An event appended to {@code aggregateType}'s event topic. */
    record Event(String aggregateType, StoredEvent event) implements ProcessInput {
        public Event {
            Objects.requireNonNull(aggregateType, "aggregateType");
            Objects.requireNonNull(event, "event");
        }
    }

    /** The result of a command this instance sent to {@code aggregateType}. */
    record Result(String aggregateType, CommandResult result) implements ProcessInput {
        public Result {
            Objects.requireNonNull(aggregateType, "aggregateType");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The {@link ProcessManager#deadline deadline} of {@code instance} passed, at {@code now} by the runtime's clock. */
    record Timeout(String instance, Instant now) implements ProcessInput {
        public Timeout {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(now, "now");
        }
    }
}
