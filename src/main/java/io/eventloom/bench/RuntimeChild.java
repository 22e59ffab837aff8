package io.eventloom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Kafka Streams process of the bench's ({@link RuntimeProcess}, {@link RawStreamsProcess}) in a child JVM. Its
 * output goes to a log file; the bench learns from its {@link ReadyLine} when it is RUNNING and what it restored.
 */
final class RuntimeChild implements AutoCloseable {

    private final ChildJvm jvm;
    private final CompletableFuture<ReadyLine> ready;

    private RuntimeChild(ChildJvm jvm, CompletableFuture<ReadyLine> ready) {
        this.jvm = jvm;
        this.ready = ready;
    }

    /** The shop's runtime for {@code deployment} on {@code stateDir}. */
    static RuntimeChild start(Deployment deployment, Path stateDir, Path log, Duration readyTimeout) {
        return start(RuntimeProcess.class.getName(), RuntimeProcess.arguments(deployment, stateDir, readyTimeout),
                log);
    }

    /** Any main class of the bench's that prints a {@link ReadyLine} once RUNNING. */
    static RuntimeChild start(String mainClass, List<String> args, Path log) {
        CompletableFuture<ReadyLine> ready = new CompletableFuture<>();
        ChildJvm jvm = ChildJvm.start(mainClass, args, Map.of(), log,
                line -> ReadyLine.parse(line).ifPresent(ready::complete));
        jvm.outputEnded().whenComplete((ended, error) -> ready.completeExceptionally(new IllegalStateException(
                "process exited with code " + jvm.exitCode() + " before it was RUNNING; see " + log)));
        return new RuntimeChild(jvm, ready);
    }

    /** Waits for the ready line; fails with the log's place when the child exits first or takes too long. */
    ReadyLine awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("not RUNNING after " + timeout + "; see " + jvm.log(), e);
        }
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGTERM: the process's shutdown hook closes Kafka Streams cleanly. */
    void stop() throws InterruptedException {
        jvm.stop();
    }

    /** SIGKILL: no shutdown hook, no last commit, no checkpoint. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
