package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTableTest {

    private static final Machine MACHINE = new Machine(2, 1L << 30, "1g", "Test 17", "Linux amd64");

    @Test
    void givenRestartsInRunOrder_whenRendered_thenRowsFollowTheTableOrderWithRatesOnlyWhereSomethingWasRestored() {
        RestartPlan plan = new RestartPlan(new ProductCommands(10, 100), 2, true, Duration.ZERO);
        ConfigurationResult plain = new ConfigurationResult(StoreConfiguration.PLAIN,
                new LoadMeasurement(100, Duration.ofSeconds(4), Duration.ofSeconds(5)), List.of(
                new RestartMeasurement(RestartKind.AFTER_KILL, new ReadyLine(20_000, 3_000, 1_500)),
                new RestartMeasurement(RestartKind.COLD, new ReadyLine(21_000, 3_000, 2_000)),
                new RestartMeasurement(RestartKind.CLEAN, new ReadyLine(10_250, 0, 0))));

        String table = RestartTable.render(new RestartReport(plan, MACHINE, List.of(plain)));

        assertThat(table.lines().filter(line -> line.startsWith("| transactional stores off |")))
                .containsExactly(
                        "| transactional stores off | clean (SIGTERM) | 10.25 | 0 | n/a |",
                        "| transactional stores off | warm after kill -9 | 20.00 | 3000 | 2000 |",
                        "| transactional stores off | cold (empty state dir) | 21.00 | 3000 | 1500 |",
                        "| transactional stores off | 100 | 4.0 | 25 | 5.0 |");
        assertThat(table).contains(RestartTable.RESTART_HEADER, RestartTable.LOAD_HEADER, "Machine: 2 cores");
    }
}
