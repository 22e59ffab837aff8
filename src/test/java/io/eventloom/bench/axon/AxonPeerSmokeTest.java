package io.eventloom.bench.axon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The Axon peer at a tiny size, on the real Axon and H2: checks that the run did what it says, never a speed. */
class AxonPeerSmokeTest {

    private static final AxonPeerPlan TINY = new AxonPeerPlan(50, 200, 2, 500, 100);

    @Test
    void givenATinyPlan_whenTheAxonPeerRuns_thenEveryCommandIsOneStoredEventAndTheStockAddsUp()
            throws InterruptedException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        AxonPeerResult result = AxonPeer.run(TINY, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.commandsAccepted()).isEqualTo(TINY.totalCommands()).isEqualTo(50 + 200 + 2 * 100);
        assertThat(result.eventsStored()).isEqualTo(result.commandsAccepted());
        // Products start with no stock and every restock adds one unit: the closed loop's and both open passes'.
        assertThat(result.availableStock()).isEqualTo(200 + 2 * 100);
        assertThat(result.databaseBytes()).isPositive();
        assertThat(result.commandsPerSecond()).isPositive();
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.p99Millis()).isLessThanOrEqualTo(result.p999Millis());
        assertThat(result.peer()).startsWith("Axon Framework 4.").contains("H2 2.");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("closed loop", "open loop");
    }

    @Test
    void givenAResult_whenRendered_thenOneRowUnderTheHeaderCarriesItsFigures() {
        AxonPeerResult result = new AxonPeerResult("Axon Framework 4.13.0, JDBC event store on H2 2.5.252", TINY,
                450, 1234.4, 1.234, 5.678, 9.5, 450, 400, 3 * 1024 * 1024);

        String table = AxonPeerTable.render(result);

        assertThat(table).contains(AxonPeerTable.HEADER + System.lineSeparator() + "|---|")
                .contains("| Axon Framework 4.13.0, JDBC event store on H2 2.5.252 | 1234 | 500 | 1.23 | 5.68 | 9.50"
                        + " | 450 | 3.0 |");
    }
}
