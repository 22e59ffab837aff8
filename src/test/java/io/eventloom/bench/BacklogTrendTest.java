package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTrendTest {

    private static final int RATE = 1_000;

    @Test
    void givenABacklogThatHoldsSteady_whenJudged_thenTheSystemKeptUp() {
        BacklogTrend trend = new BacklogTrend(RATE);
        for (int second = 1; second <= 30; second++) {
            // A steady 100 ms of latency, with the jitter of commits: 100 in flight, give or take.
            trend.sample(second * RATE, second * RATE - 100 - (second % 3) * 40);
        }

        assertThat(trend.keptUp()).isTrue();
    }

    @Test
    void givenABacklogThatGrowsEverySecond_whenJudged_thenTheSystemCouldNotKeepUp() {
        BacklogTrend trend = new BacklogTrend(RATE);
        for (int second = 1; second <= 30; second++) {
            // Answers at 900/s against 1,000 sent: 100 more waiting every second.
            trend.sample(second * RATE, second * 900L);
        }

        assertThat(trend.keptUp()).isFalse();
        assertThat(trend.growth()).isEqualTo(2_000);
    }
}
