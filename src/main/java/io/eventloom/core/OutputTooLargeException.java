package io.eventloom.core;

/**
 * A record the runtime would write does not fit the log. Deterministic: the same input gives the same record
 * every time, so the input is refused or dead-lettered with this reason instead of being retried.
 */
public final class OutputTooLargeException extends RuntimeException {

    public OutputTooLargeException(String message) {
        super(message);
    }
}
