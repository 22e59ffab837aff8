package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTableTest {

    private static final LatencyPlan PLAN = new LatencyPlan(100, List.of(300, 1_000),
            List.of(Duration.ofMillis(100), Duration.ofMillis(20)), Duration.ofSeconds(10), Duration.ofSeconds(30), 6, 1);

    @Test
    void givenRunsInRunOrder_whenRendered_thenRowsGoByCommitIntervalAndRateWithRatiosToTheRawRun() {
        List<LatencyRun> runs = List.of(
                run(SystemUnderTest.RAW, 1_000, 100, 70, 135, true),
                run(SystemUnderTest.EVENTLOOM, 1_000, 100, 89, 174, true));

        String table = LatencyTable.render(PLAN, runs);

        assertThat(table.lines().filter(line -> line.startsWith("| 100 |"))).containsExactly(
                "| 100 | 1000 | 1 | raw Kafka Streams | 70.0 | 135.0 | 200.0 | 300.0 | 5 | reference | reference |",
                "| 100 | 1000 | 1 | Eventloom | 89.0 | 174.0 | 200.0 | 300.0 | 5 | 1.27 | 1.29 |");
        assertThat(table).doesNotContain(MarkdownTable.header(LatencyTable.ROUNDS_HEADERS));
    }

    @Test
    void givenThreeRounds_whenRendered_thenEachRatioIsToItsOwnRoundsReferenceAndTheMediansAndRangesFollow() {
        List<LatencyRun> runs = rounds(round(1, 10, 20, 20, 40, true), round(2, 20, 40, 30, 60, true),
                round(3, 10, 30, 12, 36, true));

        String table = LatencyTable.render(planOfRounds(3), runs);

        assertThat(table.lines().filter(line -> line.contains("| Eventloom |"))).containsExactly(
                "| 10 | 1000 | 1 | Eventloom | 20.0 | 40.0 | 200.0 | 300.0 | 5 | 2.00 | 2.00 |",
                "| 10 | 1000 | 2 | Eventloom | 30.0 | 60.0 | 200.0 | 300.0 | 5 | 1.50 | 1.50 |",
                "| 10 | 1000 | 3 | Eventloom | 12.0 | 36.0 | 200.0 | 300.0 | 5 | 1.20 | 1.20 |");
        assertThat(table).contains(MarkdownTable.header(LatencyTable.ROUNDS_HEADERS) + System.lineSeparator());
        assertThat(table.lines().filter(line -> line.startsWith("| 10 | 1000 | 3 | 1.50 |"))).containsExactly(
                "| 10 | 1000 | 3 | 1.50 | 1.20, 2.00 | 1.50 | 1.20, 2.00 |");
    }

    @Test
    void givenTwoRoundsOneOfWhichCouldNotKeepUp_whenRendered_thenTheMedianIsOfTheRoundThatDid() {
        List<LatencyRun> runs = rounds(round(1, 10, 20, 9_000, 19_000, false), round(2, 10, 20, 15, 25, true));

        String table = LatencyTable.render(planOfRounds(2), runs);

        assertThat(table.lines().filter(line -> line.startsWith("| 10 | 1000 | 1 | 1.50 |"))).containsExactly(
                "| 10 | 1000 | 1 | 1.50 | 1.50, 1.50 | 1.25 | 1.25, 1.25 |");
    }

    @Test
    void givenAReferenceWithNothingMeasured_whenRendered_thenItsRoundHasNoRatioAndTheMedianIsOfTheOthers() {
        List<LatencyRun> runs = rounds(round(1, 0, 0, 20, 40, true), round(2, 10, 20, 15, 25, true));

        String table = LatencyTable.render(planOfRounds(2), runs);

        assertThat(table.lines().filter(line -> line.startsWith("| 10 | 1000 | 1 | Eventloom |"))).containsExactly(
                "| 10 | 1000 | 1 | Eventloom | 20.0 | 40.0 | 200.0 | 300.0 | 5 | n/a | n/a |");
        assertThat(table.lines().filter(line -> line.startsWith("| 10 | 1000 | 2 | 1.50 |"))).containsExactly(
                "| 10 | 1000 | 2 | 1.50 | 1.50, 1.50 | 1.25 | 1.25, 1.25 |");
    }

    @Test
    void givenARunThatCouldNotKeepUp_whenRendered_thenItsPercentilesSaySoAndItHasNoRatio() {
        List<LatencyRun> runs = List.of(
                run(SystemUnderTest.RAW, 1_000, 20, 20, 46, true),
                run(SystemUnderTest.EVENTLOOM, 1_000, 20, 9_000, 19_000, false));

        String table = LatencyTable.render(PLAN, runs);

        assertThat(table.lines().filter(line -> line.contains("| Eventloom |"))).containsExactly(
                "| 20 | 1000 | 1 | Eventloom | cannot keep up | cannot keep up | cannot keep up | cannot keep up | 5"
                        + " | n/a | n/a |");
    }

    private static LatencyPlan planOfRounds(int rounds) {
        return new LatencyPlan(100, List.of(1_000), List.of(Duration.ofMillis(10)), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 6, rounds);
    }

    /** One round at 1,000/s and a 10 ms commit: the reference (which kept up), then Eventloom. */
    private static List<LatencyRun> round(int round, double rawP50, double rawP99, double p50, double p99,
                                          boolean keptUp) {
        return List.of(run(SystemUnderTest.RAW, 1_000, 10, round, rawP50, rawP99, true),
                run(SystemUnderTest.EVENTLOOM, 1_000, 10, round, p50, p99, keptUp));
    }

    @SafeVarargs
    private static List<LatencyRun> rounds(List<LatencyRun>... rounds) {
        return Stream.of(rounds).flatMap(List::stream).toList();
    }

    private static LatencyRun run(SystemUnderTest system, int rate, long commitMillis, double p50, double p99,
                                  boolean keptUp) {
        return run(system, rate, commitMillis, 1, p50, p99, keptUp);
    }

    private static LatencyRun run(SystemUnderTest system, int rate, long commitMillis, int round, double p50,
                                  double p99, boolean keptUp) {
        return new LatencyRun(system, rate, Duration.ofMillis(commitMillis), round, 40_000, 40_000,
                new LatencySummary(30_000, p50, p99, 200, 300), 5, keptUp);
    }
}
