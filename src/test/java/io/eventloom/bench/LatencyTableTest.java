package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTableTest {

    private static final LatencyPlan PLAN = new LatencyPlan(100, List.of(300, 1_000),
            List.of(Duration.ofMillis(100), Duration.ofMillis(20)), Duration.ofSeconds(10), Duration.ofSeconds(30), 6);

    @Test
    void givenRunsInRunOrder_whenRendered_thenRowsGoByCommitIntervalAndRateWithRatiosToTheRawRun() {
        List<LatencyRun> runs = List.of(
                run(SystemUnderTest.RAW, 1_000, 100, 70, 135, true),
                run(SystemUnderTest.EVENTLOOM, 1_000, 100, 89, 174, true));

        String table = LatencyTable.render(PLAN, runs);

        assertThat(table.lines().filter(line -> line.startsWith("| 100 |"))).containsExactly(
                "| 100 | 1000 | raw Kafka Streams | 70.0 | 135.0 | 200.0 | 300.0 | 5 | reference | reference |",
                "| 100 | 1000 | Eventloom | 89.0 | 174.0 | 200.0 | 300.0 | 5 | 1.27 | 1.29 |");
    }

    @Test
    void givenARunThatCouldNotKeepUp_whenRendered_thenItsPercentilesSaySoAndItHasNoRatio() {
        List<LatencyRun> runs = List.of(
                run(SystemUnderTest.RAW, 1_000, 20, 20, 46, true),
                run(SystemUnderTest.EVENTLOOM, 1_000, 20, 9_000, 19_000, false));

        String table = LatencyTable.render(PLAN, runs);

        assertThat(table.lines().filter(line -> line.contains("| Eventloom |"))).containsExactly(
                "| 20 | 1000 | Eventloom | cannot keep up | cannot keep up | cannot keep up | cannot keep up | 5 | n/a"
                        + " | n/a |");
    }

    private static LatencyRun run(SystemUnderTest system, int rate, long commitMillis, double p50, double p99,
                                  boolean keptUp) {
        return new LatencyRun(system, rate, Duration.ofMillis(commitMillis), 40_000, 40_000,
                new LatencySummary(30_000, p50, p99, 200, 300), 5, keptUp);
    }
}
