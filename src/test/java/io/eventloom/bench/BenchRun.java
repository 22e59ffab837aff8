package io.eventloom.bench;

import io.eventloom.app.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code eventloom bench …} in a JVM of its own, as from the jar (its broker and registry inside it, its
 * children beside it), and gives back what it printed on stdout once it exited cleanly.
 */
final class BenchRun {

    private BenchRun() {
    }

    static List<String> stdout(Path dir, Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.md");
        Path err = dir.resolve("stderr.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench"));
        command.addAll(List.of(args));
        Process bench = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(bench.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .as("bench finished within %s; stderr:%n%s", timeout, Files.readString(err))
                    .isTrue();
        } finally {
            // On a timeout: the children first, since a bench killed with SIGKILL cannot stop them any more.
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        assertThat(bench.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", Files.readString(out),
                Files.readString(err)).isZero();
        List<String> stdout = Files.readAllLines(out);
        // stdout is the report alone: every log line went to stderr.
        assertThat(stdout).noneMatch(line -> line.matches("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*"));
        return stdout;
    }
}
