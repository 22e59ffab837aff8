package io.eventloom.bench.axon;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Sends commands at a fixed rate whatever the answers do, and records each one's latency from the time it was due
 * to be sent to its completion: timed from the schedule, a sender held up for a moment does not hide the delay
 * (coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /** Sends commands 0 to count - 1 at the rate; returns their latencies in nanoseconds once all completed. */
    static Histogram run(CommandGateway gateway, long count, LongFunction<ProductCommand> command, int perSecond,
                         ProgressLog progress) throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(3);
        List<CompletableFuture<Object>> completions = new ArrayList<>();
        long periodNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException("open loop interrupted after " + i + " commands");
                }
            }
            CompletableFuture<Object> completion = gateway.send(command.apply(i));
            completions.add(completion.whenComplete((result, failure) -> {
                if (failure == null) {
                    latencies.recordValue(System.nanoTime() - due);
                }
            }));
            progress.update(i + 1);
        }
        try {
            CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a command failed", e.getCause());
        }
        progress.finish(count);
        return latencies;
    }
}
