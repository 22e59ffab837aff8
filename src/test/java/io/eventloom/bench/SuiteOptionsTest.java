package io.eventloom.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        SuiteOptions options;
    }

    @Test
    void givenNoOptions_whenPlanned_thenEveryScenarioHasTheIssuesSizes() {
        SuitePlan plan = parse().plan();

        assertThat(plan.throughput()).isEqualTo(new ThroughputPlan(10_000, 100_000, 6));
        assertThat(plan.http().inFlight()).containsExactly(64, 200, 1_000, 4_000);
        assertThat(plan.latency().rates()).containsExactly(300, 1_000);
        assertThat(plan.latency().commitIntervals()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(20),
                Duration.ofMillis(10));
        assertThat(plan.latency().warmup()).isEqualTo(Duration.ofSeconds(60));
        assertThat(plan.latency().rounds()).isEqualTo(1);
        assertThat(plan.memory().products()).isEqualTo(1_000_000);
        assertThat(plan.saga().orders()).isEqualTo(10_000);
        assertThat(plan.restart().load()).isEqualTo(new ProductCommands(100_000, 1_000_000));
        assertThat(plan.restart().cold()).isTrue();
    }

    @Test
    void givenSizesAndQuick_whenPlanned_thenQuickWins() {
        SuitePlan plan = parse("--quick", "--products", "5000").plan();

        assertThat(plan).isEqualTo(SuitePlan.quick());
    }

    @Test
    void givenAppSettings_whenPlanned_thenEveryAppGetsThemUnlessTheBenchSetsTheKeyItself() {
        SuitePlan plan = parse("--quick", "--app-setting", "streams.num.stream.threads=1").plan();

        assertThat(plan.appSettings()).containsExactly(Map.entry("streams.num.stream.threads", "1"));
        assertThatThrownBy(() -> parse("--app-setting", "streams.commit.interval.ms=5").plan())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the bench sets streams.commit.interval.ms itself");
    }

    @Test
    void givenListsOfLevels_whenPlanned_thenEachLevelIsKeptInOrder() {
        SuitePlan plan = parse("--in-flight", "8,32", "--rates", "100", "--commit-intervals", "10,50").plan();

        assertThat(plan.http().inFlight()).containsExactly(8, 32);
        assertThat(plan.latency().rates()).containsExactly(100);
        assertThat(plan.latency().commitIntervals()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void givenLatencyRounds_whenPlanned_thenTheLatencyPlanHasThemAndRefusesNone() {
        assertThat(parse("--latency-rounds", "5").plan().latency().rounds()).isEqualTo(5);
        assertThatThrownBy(() -> parse("--latency-rounds", "0").plan()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds");
    }

    @Test
    void givenALevelOfZeroInFlight_whenPlanned_thenThePlanRefusesIt() {
        SuiteOptions options = parse("--in-flight", "0");

        assertThatThrownBy(options::plan).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-flight");
    }

    private static SuiteOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }
}
