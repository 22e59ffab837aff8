package io.eventloom.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stream threads that died, and how long to wait before replacing the next one: a fault that outlasts a few
 * retries (the registry down for minutes) is retried with growing pauses, not in a tight loop of rebalances.
 */
final class ThreadFailures {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** A failure this long after the previous one starts the backoff afresh; it also bounds how long one shows. */
    static final Duration QUIET = Duration.ofSeconds(60);

    private final Clock clock;
    private long count;
    private int consecutive;
    private Instant lastAt;
    private String lastError;

    ThreadFailures(Clock clock) {
        this.clock = clock;
    }

    /** Records a failure and returns the pause before its thread is replaced. */
    synchronized Duration failed(Throwable error) {
        Instant now = clock.instant();
        consecutive = lastAt != null && Duration.between(lastAt, now).compareTo(QUIET) < 0 ? consecutive + 1 : 1;
        count++;
        lastAt = now;
        lastError = rootMessage(error);
        long millis = FIRST_BACKOFF.toMillis() << Math.min(consecutive - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** The details of the last failure if it happened within {@code window}, else empty. */
    synchronized Optional<Map<String, Object>> within(Duration window) {
        if (lastAt == null || Duration.between(lastAt, clock.instant()).compareTo(window) >= 0) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threadFailures", count);
        details.put("lastFailureAt", lastAt.toString());
        details.put("lastFailure", lastError);
        return Optional.of(details);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
