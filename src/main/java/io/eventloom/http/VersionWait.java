package io.eventloom.http;

import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.StoreUnavailableException;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Read-your-writes: re-reads a store until what it holds reflects a version, for a bounded time, without holding a
 * thread while it waits (a timer hands each retry to the HTTP server's pool).
 */
final class VersionWait implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Duration limit;
    private final Executor work;
    private final RuntimeMetrics metrics;
    private final ScheduledExecutorService timer;

    /**
     * @param work    where retries run: the HTTP server's thread pool
     * @param metrics where a wait that gives up is counted
     */
    VersionWait(Duration limit, Executor work, RuntimeMetrics metrics) {
        this.limit = limit;
        this.work = work;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eventloom-http-version-wait");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The read's value once its version is at least {@code minVersion}; without a minimum, the first read. The first
     * read runs on the caller's thread. The future fails with {@link StoreUnavailableException} when the version is
     * not reached in time (the client retries later).
     *
     * @param kind what is read, as a wait that gives up is counted
     */
    <T> CompletableFuture<Optional<T>> read(RuntimeMetrics.ReadKind kind, Supplier<CompletableFuture<Optional<T>>> read,
                                            ToLongFunction<T> version, Optional<Long> minVersion) {
        if (minVersion.isEmpty()) {
            return attempt(read);
        }
        CompletableFuture<Optional<T>> answer = new CompletableFuture<>();
        retry(kind, read, version, minVersion.get(), System.nanoTime() + limit.toNanos(), answer);
        return answer;
    }

    private <T> void retry(RuntimeMetrics.ReadKind kind, Supplier<CompletableFuture<Optional<T>>> read,
                           ToLongFunction<T> version, long min, long deadline,
                           CompletableFuture<Optional<T>> answer) {
        attempt(read).whenComplete((value, error) -> {
            Throwable cause = AsyncFailures.cause(error);
            if (cause == null && value.isPresent() && version.applyAsLong(value.get()) >= min) {
                answer.complete(value);
            } else if (cause != null && !(cause instanceof StoreUnavailableException)) {
                answer.completeExceptionally(cause);
            } else if (System.nanoTime() > deadline) {
                // A store that is restoring may catch up within the wait; only the deadline ends the wait.
                metrics.readWaitTimedOut(kind);
                answer.completeExceptionally(cause != null ? cause : new StoreUnavailableException("version " + min
                        + " is not readable yet (waited " + limit + "); retry later"));
            } else {
                timer.schedule(() -> work.execute(() -> retry(kind, read, version, min, deadline, answer)),
                        POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** {@code step}, one poll interval from now, on the HTTP server's pool; no thread is held meanwhile. */
    <T> CompletableFuture<T> later(Supplier<CompletableFuture<T>> step) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        timer.schedule(() -> work.execute(() -> due.complete(null)), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return due.thenCompose(ignored -> attempt(step));
    }

    // A read or step that throws rather than failing its future is treated alike.
    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
