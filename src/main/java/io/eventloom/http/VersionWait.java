package io.eventloom.http;

import io.eventloom.core.StoreUnavailableException;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Read-your-writes: re-reads a local store until what it holds reflects a version, for a bounded time. */
final class VersionWait {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Duration limit;

    VersionWait(Duration limit) {
        this.limit = limit;
    }

    /**
     * The read's value once its version is at least {@code minVersion}; without a minimum, the first read.
     *
     * @throws StoreUnavailableException when the version is not reached in time (the client retries later)
     */
    <T> Optional<T> read(Supplier<Optional<T>> read, ToLongFunction<T> version, Optional<Long> minVersion) {
        if (minVersion.isEmpty()) {
            return read.get();
        }
        long min = minVersion.get();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                Optional<T> value = read.get();
                if (value.isPresent() && version.applyAsLong(value.get()) >= min) {
                    return value;
                }
            } catch (StoreUnavailableException e) {
                // A store that is restoring may catch up within the wait; only the deadline ends the wait.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("version " + min + " is not readable yet (waited " + limit
                        + "); retry later");
            }
            pause();
        }
    }

    static Optional<Long> minVersion(Context ctx) {
        return versionParameter(ctx, "minVersion");
    }

    /** A query parameter that names an aggregate version, when present. */
    static Optional<Long> versionParameter(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be a whole number, was '" + raw + "'");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a version");
        }
    }
}
