package io.eventloom.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** ops/grafana/dashboards/eventloom.json is a dashboard Grafana lays out, on the provisioned datasource. */
class DashboardTest {

    private static final JsonNode DASHBOARD = StackFiles.json(StackFiles.DASHBOARD);
    private static final List<JsonNode> PANELS = StackFiles.panels(DASHBOARD);
    private static final String DATASOURCE_UID = StackFiles.yaml(StackFiles.DATASOURCES).path("datasources").get(0)
            .path("uid").asText();

    @Test
    void givenTheDashboard_whenRead_thenIdentifiedAndEveryPanelQueriesTheProvisionedPrometheus() {
        assertThat(DASHBOARD.path("uid").asText()).isEqualTo("eventloom");
        assertThat(DASHBOARD.path("title").asText()).isNotBlank();
        assertThat(PANELS.stream().map(panel -> panel.path("id").asInt()).distinct()).hasSameSizeAs(PANELS);
        assertThat(queries()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(panel.path("description").asText()).as(title + "'s description").isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE_UID);
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE_UID);
                assertThat(PromQl.metricNames(target.path("expr").asText())).as(title + " reads a metric")
                        .isNotEmpty();
            });
            assertThat(panel.path("targets").findValuesAsText("refId").stream().distinct())
                    .hasSize(panel.path("targets").size());
        });
    }

    @Test
    void givenThePanels_whenLaidOut_thenEachWithinTheTwentyFourColumnsAndNoneOverlapping() {
        for (JsonNode panel : PANELS) {
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as(panel.path("title").asText()).isPositive();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
            for (JsonNode other : PANELS) {
                if (other != panel) {
                    assertThat(overlap(grid, other.path("gridPos")))
                            .as(panel.path("title").asText() + " and " + other.path("title").asText()).isFalse();
                }
            }
        }
    }

    @Test
    void givenTheIssuesList_whenThePanelsAreRead_thenEachTopicHasOne() {
        Set<String> exprs = queries().stream().flatMap(panel -> panel.path("targets").findValuesAsText("expr").stream())
                .collect(Collectors.toSet());

        assertThat(exprs).anyMatch(expr -> expr.contains("by (type, outcome)")
                && expr.contains("eventloom_commands_total"));
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertThat(exprs).anyMatch(expr -> expr.startsWith("histogram_quantile(" + quantile + ",")
                    && expr.contains("eventloom_command_duration_seconds_bucket"));
        }
        assertThat(exprs).anyMatch(expr -> expr.contains("by (code)") && expr.contains("outcome=\"rejected\""));
        assertThat(exprs).anyMatch(expr -> expr.contains("by (projection)")
                && expr.contains("eventloom_projection_lag_records"));
        assertThat(exprs).anyMatch(expr -> expr.contains("by (projection)")
                && expr.contains("eventloom_projection_lag_seconds"));
        assertThat(exprs).anyMatch(expr -> expr.contains("by (source)")
                && expr.contains("eventloom_dead_letters_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_store_restore_remaining"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_store_restore_restored"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_gateway_pending"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_gateway_timeouts_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_saga_steps_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_saga_timeouts_total"));
    }

    private static List<JsonNode> queries() {
        return PANELS.stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }
}
