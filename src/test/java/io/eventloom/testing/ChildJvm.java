package io.eventloom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A class's {@code main} on the test classpath, or the packaged jar, in a separate JVM, so a test can stop it or kill
 * it outright.
 */
public final class ChildJvm implements AutoCloseable {

    private static final String EVENTLOOM_VARIABLES = "EVENTLOOM_";

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Class<?> mainClass, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        return start(command, Map.of(), log);
    }

    /**
     * {@code java -jar jar args}, as a user runs the packaged app, configured by {@code environment} alone: this
     * JVM's {@code EVENTLOOM_*} variables (a developer's own settings file, say) are not passed on.
     */
    public static ChildJvm startJar(Path jar, Map<String, String> environment, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(command, environment, log);
    }

    private static ChildJvm start(List<String> command, Map<String, String> environment, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith(EVENTLOOM_VARIABLES));
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until the child prints the line, failing early with its output if it dies first. */
    public ChildJvm awaitLine(String line, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("child JVM exited with " + process.exitValue() + ":\n" + output());
            }
            return output().contains(line);
        });
        return this;
    }

    /** SIGTERM: the child's shutdown hooks run, as on a clean stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM did not stop within 60 s:\n" + output());
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
