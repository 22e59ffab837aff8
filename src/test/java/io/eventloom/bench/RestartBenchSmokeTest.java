package io.eventloom.bench;

import io.eventloom.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench restart} at a tiny size, end to end on real processes: the bench in its own JVM (as from the jar,
 * with its broker and registry inside), each runtime in a JVM of its own, stopped with SIGTERM and killed with
 * SIGKILL. Checks the shape of the results, never a speed.
 */
class RestartBenchSmokeTest {

    // Generous: a run takes about a minute on a quiet 2-core machine, several when others share it.
    private static final long TIMEOUT_MINUTES = 6;

    @TempDir
    Path dir;

    @Test
    void givenATinyLoad_whenBenchRestartRuns_thenItPrintsARowPerConfigurationAndRestartWithNumbers()
            throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.md");
        Path err = dir.resolve("stderr.log");
        Process bench = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "restart", "--aggregates", "200", "--events", "400", "--partitions", "2",
                "--settle-ms", "500")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(bench.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES))
                    .as("bench finished within %d minutes; stderr:%n%s", TIMEOUT_MINUTES, Files.readString(err))
                    .isTrue();
        } finally {
            bench.destroyForcibly();
        }
        assertThat(bench.exitValue()).as("exit code; stderr:%n%s", Files.readString(err)).isZero();

        List<String> stdout = Files.readAllLines(out);
        List<List<String>> restarts = rows(stdout, RestartTable.RESTART_HEADER);
        assertThat(restarts).extracting(row -> row.get(0) + " / " + row.get(1)).containsExactly(
                "transactional stores off / clean (SIGTERM)",
                "transactional stores off / warm after kill -9",
                "transactional stores on / clean (SIGTERM)",
                "transactional stores on / warm after kill -9");
        assertThat(restarts).allSatisfy(row -> {
            assertThat(row.get(2)).as("time to RUNNING").matches("\\d+\\.\\d{2}");
            assertThat(row.get(3)).as("records restored").matches("\\d+");
            assertThat(row.get(4)).as("restore rate").matches("\\d+|" + RestartTable.NO_RATE);
        });
        List<List<String>> loads = rows(stdout, RestartTable.LOAD_HEADER);
        assertThat(loads).extracting(row -> row.get(0) + " / " + row.get(1)).containsExactly(
                "transactional stores off / 400", "transactional stores on / 400");
        assertThat(loads).allSatisfy(row -> assertThat(row.subList(2, 5)).allMatch(cell -> cell.matches("[\\d.]+")));
        assertThat(stdout).anyMatch(line -> line.startsWith("Machine: "));
        // stdout is the table alone: every log line went to stderr.
        assertThat(stdout).noneMatch(line -> line.matches("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*"));
    }

    // The cells of the body rows of the Markdown table under the header: after the |---| line, until a blank line.
    private static List<List<String>> rows(List<String> lines, String header) {
        int start = lines.indexOf(header);
        assertThat(start).as("table with header %s in:%n%s", header, String.join("\n", lines)).isNotNegative();
        return lines.subList(start + 2, lines.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                        .toList())
                .toList();
    }
}
