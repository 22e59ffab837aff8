package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;

/** What a process manager reacts to: an aggregate's event, or the result of a command (often its own). */
public sealed interface ProcessInput permits ProcessInput.Event, ProcessInput.Result {

    /** The aggregate type the input comes from. */
    String aggregateType();

    /** An event appended to {@code aggregateType}'s event topic. */
    record Event(String aggregateType, StoredEvent event) implements ProcessInput {
    }

    /** A result written to {@code aggregateType}'s command-results topic. */
    record Result(String aggregateType, CommandResult result) implements ProcessInput {
    }
}
