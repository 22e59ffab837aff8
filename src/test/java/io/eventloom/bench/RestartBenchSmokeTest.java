package io.eventloom.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench restart} at a tiny size, end to end on real processes: the bench in its own JVM (as from the jar,
 * with its broker and registry inside), each runtime in a JVM of its own, stopped with SIGTERM and killed with
 * SIGKILL. Checks the shape of the results, never a speed.
 */
class RestartBenchSmokeTest {

    // Generous: a run takes about a minute on a quiet 2-core machine, several when others share it.
    private static final Duration TIMEOUT = Duration.ofMinutes(6);

    @TempDir
    Path dir;

    @Test
    void givenATinyLoad_whenBenchRestartRuns_thenItPrintsARowPerConfigurationAndRestartWithNumbers()
            throws IOException, InterruptedException {
        List<String> stdout = BenchRun.stdout(dir, TIMEOUT, "restart", "--aggregates", "200", "--events", "400",
                "--partitions", "2", "--settle-ms", "500");

        List<List<String>> restarts = MarkdownRows.under(stdout, RestartTable.RESTART_HEADER);
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
        List<List<String>> loads = MarkdownRows.under(stdout, RestartTable.LOAD_HEADER);
        assertThat(loads).extracting(row -> row.get(0) + " / " + row.get(1)).containsExactly(
                "transactional stores off / 400", "transactional stores on / 400");
        assertThat(loads).allSatisfy(row -> assertThat(row.subList(2, 5)).allMatch(cell -> cell.matches("[\\d.]+")));
        assertThat(stdout).anyMatch(line -> line.startsWith("Machine: "));
    }
}
