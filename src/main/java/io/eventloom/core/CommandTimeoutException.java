package io.eventloom.core;

import java.time.Duration;

/** No result arrived for a command in time; the command may still be processed later (resend with its id). */
public final class CommandTimeoutException extends RuntimeException {

    public CommandTimeoutException(String commandId, Duration timeout) {
        super("no result for command " + commandId + " within " + timeout
                + "; it may still be processed: resend with the same command id to get its result");
    }
}
