package io.eventloom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link RuntimeProcess} in a child JVM on the bench's classpath. Its output goes to a log file; the bench
 * learns from it when the runtime is RUNNING and what it restored.
 */
final class RuntimeChild implements AutoCloseable {

    /** The runtime's heap: one runtime instance, as an operator would size it on a small machine. */
    static final String MAX_HEAP = "-Xmx1g";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final CompletableFuture<ReadyLine> ready = new CompletableFuture<>();

    private RuntimeChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RuntimeChild start(Deployment deployment, Path stateDir, Path log, Duration readyTimeout) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), MAX_HEAP,
                "-cp", System.getProperty("java.class.path"), RuntimeProcess.class.getName()));
        command.addAll(RuntimeProcess.arguments(deployment, stateDir, readyTimeout));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            RuntimeChild child = new RuntimeChild(process, log);
            Thread reader = new Thread(child::copyOutput, "runtime-child-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + RuntimeProcess.class.getName(), e);
        }
    }

    /** Waits for the ready line; fails with the log's place when the child exits first or takes too long. */
    ReadyLine awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("runtime not RUNNING after " + timeout + "; see " + log, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the runtime's shutdown hook closes Kafka Streams cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("runtime did not stop within " + STOP_TIMEOUT + "; see " + log);
        }
    }

    /** SIGKILL: no shutdown hook, no last commit, no checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("runtime still alive " + STOP_TIMEOUT + " after SIGKILL; see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    // Reads the child's output to its end: every line into the log, the ready line also into the future.
    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write(System.lineSeparator());
                out.flush();
                ReadyLine.parse(line).ifPresent(ready::complete);
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException("cannot read the runtime's output", e));
            return;
        }
        ready.completeExceptionally(new IllegalStateException("runtime exited with code " + exitCode()
                + " before it was RUNNING; see " + log));
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }
}
