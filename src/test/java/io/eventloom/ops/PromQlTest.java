package io.eventloom.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void givenAggregationWithByBeforeItsArgument_whenNamesExtracted_thenOnlyTheMetric() {
        assertThat(PromQl.metricNames("sum by (type, outcome) (rate(eventloom_commands_total[$__rate_interval]))"))
                .containsExactly("eventloom_commands_total");
    }

    @Test
    void givenHistogramQuantile_whenNamesExtracted_thenTheBucketSeriesAndNeitherFunctionNorLe() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (type, le) (rate(eventloom_command_duration_seconds_bucket[5m])))"))
                .containsExactly("eventloom_command_duration_seconds_bucket");
    }

    @Test
    void givenLabelMatchersWithNamesAndStringsThatLookLikeMetrics_whenNamesExtracted_thenNoneOfThem() {
        assertThat(PromQl.metricNames(
                "sum(rate(a_total{outcome=\"rejected\", code!~\"b_total|c{1}\"}[15m])) / sum(rate(a_total[15m]))"))
                .containsExactly("a_total");
    }

    @Test
    void givenBinaryOperatorsAndModifiers_whenNamesExtracted_thenBothSidesAndNoKeywords() {
        assertThat(PromQl.metricNames("""
                sum(rate(x_total[5m])) > 0.25
                  and on (instance) group_left (job) y_info offset 1h unless z == bool 1
                  or vector(0)"""))
                .containsExactly("x_total", "y_info", "z");
    }

    @Test
    void givenByAfterTheArgumentAndGrafanaVariablesAndComments_whenNamesExtracted_thenTheMetricsOnly() {
        assertThat(PromQl.metricNames("""
                # a comment naming not_a_metric
                max(kafka_stream_client_state{instance=~"$instance"}) by (instance) != 2
                  and max_over_time(up[${window}]) == 1"""))
                .containsExactly("kafka_stream_client_state", "up");
    }

    @Test
    void givenColonsInRecordingRuleNames_whenNamesExtracted_thenTheWholeName() {
        assertThat(PromQl.metricNames("job:eventloom_commands:rate5m * 60")).containsExactly(
                "job:eventloom_commands:rate5m");
    }
}
