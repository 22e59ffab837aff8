package io.eventloom.http;

import java.util.concurrent.CompletionException;

/** What failed an asynchronous step: a dependent future wraps its stage's exception in a CompletionException. */
final class AsyncFailures {

    private AsyncFailures() {
    }

    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
