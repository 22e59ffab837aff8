package io.eventloom.http;

/** A request body does not fit the command's schema; the message names the field path and what was expected. */
public final class InvalidJsonException extends RuntimeException {

    public InvalidJsonException(String message) {
        super(message);
    }
}
