package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeerTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --quick} end to end on real processes: the bench with its broker and registry, Eventloom
 * ({@code io.eventloom.app.Main}) and the raw reference each in JVMs of their own. Checks that every section is
 * there and every cell holds a figure or a stated word, never what the figures are.
 */
class BenchSuiteSmokeTest {

    // Generous: about two minutes on a quiet 2-core machine, several when others share it.
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String NUMBER = "-?\\d+(\\.\\d+)?";
    private static final String RATIO = NUMBER + "|" + ThroughputTable.REFERENCE + "|" + MarkdownTable.NOT_APPLICABLE;
    private static final String PERCENTILE = NUMBER + "|" + LatencyTable.CANNOT_KEEP_UP;
    private static final String FAILURES = HttpTable.NONE + "|[^:,]+: \\d+(, [^:,]+: \\d+)*";

    @TempDir
    Path dir;

    @Test
    void givenQuickSizes_whenTheWholeBenchRuns_thenEverySectionHasItsRowsAndEveryCellAFigureOrAWord()
            throws IOException, InterruptedException {
        List<String> stdout = BenchRun.stdout(dir, TIMEOUT, "--quick");

        assertThat(stdout).first().isEqualTo(SuiteMarkdown.TITLE);
        assertThat(stdout).noneMatch(line -> line.startsWith(SuiteMarkdown.FAILED));
        assertThat(stdout).containsSubsequence(ThroughputTable.HEADING, HttpTable.HEADING, LatencyTable.HEADING,
                MemoryTable.HEADING, SagaTable.HEADING);
        assertThat(stdout).anyMatch(line -> line.startsWith("## Restart after"));
        assertThat(stdout).anyMatch(line -> line.startsWith("## Axon peer"));
        assertThat(stdout).last().asString().startsWith(SuiteMarkdown.MACHINE);

        List<List<String>> throughput = MarkdownRows.under(stdout, MarkdownTable.header(ThroughputTable.HEADERS));
        assertThat(throughput).extracting(row -> row.get(0))
                .containsExactly(SystemUnderTest.RAW.label(), SystemUnderTest.EVENTLOOM.label());
        assertThat(throughput).allSatisfy(row -> {
            assertThat(row.subList(1, 4)).allMatch(cell -> cell.matches(NUMBER));
            assertThat(row.get(4)).matches(RATIO);
        });

        List<List<String>> http = MarkdownRows.under(stdout, MarkdownTable.header(HttpTable.HEADERS));
        assertThat(http).extracting(row -> row.get(0)).containsExactly("4", "16");
        assertThat(http).allSatisfy(row -> {
            assertThat(row.subList(1, 5)).allMatch(cell -> cell.matches(NUMBER));
            assertThat(row.get(5)).matches(FAILURES);
            assertThat(row.subList(6, 10)).allMatch(cell -> cell.matches(NUMBER));
        });

        List<List<String>> latency = MarkdownRows.under(stdout, MarkdownTable.header(LatencyTable.HEADERS));
        assertThat(latency).extracting(row -> String.join(" / ", row.subList(0, 4))).containsExactly(
                "100 / 50 / 1 / " + SystemUnderTest.RAW.label(), "100 / 50 / 1 / " + SystemUnderTest.EVENTLOOM.label(),
                "100 / 50 / 2 / " + SystemUnderTest.RAW.label(), "100 / 50 / 2 / " + SystemUnderTest.EVENTLOOM.label());
        assertThat(latency).allSatisfy(row -> {
            assertThat(row.subList(4, 8)).allMatch(cell -> cell.matches(PERCENTILE));
            assertThat(row.get(8)).matches(NUMBER);
            assertThat(row.subList(9, 11)).allMatch(cell -> cell.matches(RATIO));
        });
        List<List<String>> rounds = MarkdownRows.under(stdout, MarkdownTable.header(LatencyTable.ROUNDS_HEADERS));
        assertThat(rounds).singleElement().satisfies(row -> {
            assertThat(row.subList(0, 2)).containsExactly("100", "50");
            assertThat(row.get(2)).matches("[012]");
            assertThat(row.subList(3, 7)).allMatch(cell -> cell.matches(RATIO + "|" + NUMBER + ", " + NUMBER));
        });

        List<List<String>> memory = MarkdownRows.under(stdout, MarkdownTable.header(MemoryTable.HEADERS));
        assertThat(memory).extracting(row -> row.get(0) + " / " + row.get(1))
                .containsExactly("just started / 0", "products created / 1000");
        assertThat(memory).allSatisfy(row -> assertThat(row.subList(2, 5))
                .allMatch(cell -> cell.matches(NUMBER + "|" + MarkdownTable.NOT_APPLICABLE)));

        List<List<String>> saga = MarkdownRows.under(stdout, MarkdownTable.header(SagaTable.HEADERS));
        assertThat(saga).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo("100");
            assertThat(row).allMatch(cell -> cell.matches(NUMBER));
        });

        List<List<String>> axon = MarkdownRows.under(stdout, AxonPeerTable.HEADER);
        assertThat(axon).singleElement().satisfies(row -> {
            assertThat(row.get(0)).contains("Axon");
            assertThat(row.subList(1, row.size())).allMatch(cell -> cell.matches(NUMBER));
        });

        List<List<String>> restarts = MarkdownRows.under(stdout, RestartTable.RESTART_HEADER);
        assertThat(restarts).hasSize(StoreConfiguration.values().length * RestartKind.values().length);
        assertThat(restarts).allSatisfy(row -> {
            assertThat(row.subList(2, 4)).allMatch(cell -> cell.matches(NUMBER));
            assertThat(row.get(4)).matches(NUMBER + "|" + RestartTable.NO_RATE);
        });
    }
}
