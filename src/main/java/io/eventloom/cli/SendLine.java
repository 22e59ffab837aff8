package io.eventloom.cli;

import io.eventloom.core.CommandOptions;
import org.apache.avro.specific.SpecificRecord;

/** One line of a {@code send} input: a command ready to send, or the reason it cannot be. */
public sealed interface SendLine {

    /** The line's number in its input, counted from 1. */
    long number();

    /** A line that names a known command with a payload that fits its schema. */
    record Command(long number, String type, String id, SpecificRecord payload, CommandOptions options)
            implements SendLine {
    }

    /** A line that is not a command: bad JSON, a missing field, an unknown type or command, a misfit payload. */
    record Malformed(long number, String error) implements SendLine {
    }
}
