package io.eventloom.core;

/** A state store cannot answer right now (rebalancing, restoring, or its partition lives elsewhere); try again. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }
}
