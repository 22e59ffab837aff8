package io.eventloom.bench.axon;

import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Sends commands from a number of clients, each waiting for its command's result before it sends the next. */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** Sends commands 0 to count - 1; returns how many were accepted (all), or fails on the first that was not. */
    static long run(CommandGateway gateway, long count, LongFunction<ProductCommand> command, int clients,
                    ProgressLog progress) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "axon-peer-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                results.add(pool.submit(() -> {
                    try {
                        for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            gateway.sendAndWait(command.apply(i));
                            done.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // Stops the other clients too: a refused command here is a bug in the bench.
                        next.set(count);
                        throw e;
                    }
                    return null;
                }));
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                progress.update(done.get());
            }
            for (Future<?> result : results) {
                result.get();
            }
            progress.finish(done.get());
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a command failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
