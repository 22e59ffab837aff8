package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteReportTest {

    private static final Machine MACHINE = new Machine(2, 1L << 30, "1g", "Test 17", "Linux amd64");

    @Test
    void givenOneScenarioMeasuredAndOneFailed_whenRendered_thenEachHasItsSectionAndTheMachineComesLast() {
        ThroughputResult throughput = new ThroughputResult(SuitePlan.quick().throughput(),
                new Rate(110_000, Duration.ofMillis(3_770)), new Rate(110_000, Duration.ofMillis(15_740)));
        SuiteReport report = new SuiteReport(SuitePlan.quick(), MACHINE, "1.00, 0.50, 0.25", Optional.of(throughput),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(Scenario.SAGA, "Eventloom died at 10/100 orders"));

        String markdown = SuiteMarkdown.render(report);

        assertThat(markdown.lines()).containsSubsequence(SuiteMarkdown.TITLE, ThroughputTable.HEADING,
                "| raw Kafka Streams | 110000 | 3.77 | 29178 | reference |",
                "| Eventloom | 110000 | 15.74 | 6989 | 0.24 |",
                "## saga", "Failed: Eventloom died at 10/100 orders (see stderr)");
        assertThat(markdown.lines().reduce((first, second) -> second)).hasValueSatisfying(last ->
                assertThat(last).startsWith("Machine: 2 cores").endsWith("load average when the run started: 1.00,"
                        + " 0.50, 0.25"));
        assertThat(markdown).doesNotContain(HttpTable.HEADING, LatencyTable.HEADING);
    }
}
