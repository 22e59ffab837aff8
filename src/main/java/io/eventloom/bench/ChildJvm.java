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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A main class in a JVM of its own on the bench's classpath, its output kept in a log file and shown to a listener
 * line by line, so the bench can stop it with SIGTERM or kill it with SIGKILL.
 */
final class ChildJvm implements AutoCloseable {

    /** Every measured JVM's heap: one instance, as an operator would size it on a small machine. */
    static final String MAX_HEAP = "-Xmx1g";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    // The bench alone configures its children: settings the user exported for their own Eventloom must not leak in.
    private static final String INHERITED_SETTINGS_PREFIX = "EVENTLOOM_";

    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
    // Ctrl-C on the bench must not leave a child running (and retrying a broker that is gone) forever.
    private final Thread killOnExit;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-child-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code mainClass} with {@code args} and the given environment variables added to the bench's. */
    static ChildJvm start(String mainClass, List<String> args, Map<String, String> environment, Path log,
                          Consumer<String> lines) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), MAX_HEAP,
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith(INHERITED_SETTINGS_PREFIX));
        builder.environment().putAll(environment);
        try {
            ChildJvm child = new ChildJvm(builder.start(), log);
            Thread reader = new Thread(() -> child.copyOutput(lines), "child-output-" + child.pid());
            reader.setDaemon(true);
            reader.start();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes once the child's output has ended (it exited, or closed its output). */
    CompletableFuture<Void> outputEnded() {
        return outputEnded;
    }

    /** The exit code once the child has exited (waiting a little for it), as text for messages. */
    String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    /** SIGTERM: the child's shutdown hook closes it cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child did not stop within " + STOP_TIMEOUT + "; see " + log);
        }
    }

    /** SIGKILL: no shutdown hook, no last commit, no checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child still alive " + STOP_TIMEOUT + " after SIGKILL; see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The bench is exiting already: the hook runs, and finds the child gone.
        }
    }

    // Reads the child's output to its end: every line into the log and to the listener.
    private void copyOutput(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write(System.lineSeparator());
                out.flush();
                lines.accept(line);
            }
            outputEnded.complete(null);
        } catch (IOException e) {
            outputEnded.completeExceptionally(new UncheckedIOException("cannot read the output of " + log, e));
        }
    }
}
