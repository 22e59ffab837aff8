package io.eventloom.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/prometheus/alerts.yml has the shape Prometheus loads (promtool is not at hand: this checks the structure it
 * would), and alerts on what the issue asks for.
 */
class AlertRulesTest {

    private static final JsonNode RULES = StackFiles.yaml(StackFiles.ALERT_RULES);
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Pattern LABEL_REFERENCE = Pattern.compile("\\$labels\\.(\\w+)");
    private static final Pattern BY_LIST = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    @Test
    void givenTheRuleFile_whenRead_thenGroupsOfAlertingRulesEachWithExprForSeverityAndAnnotations() {
        assertThat(RULES.path("groups").isArray()).isTrue();
        assertThat(RULES.path("groups")).isNotEmpty().allSatisfy(group -> {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules")).isNotEmpty();
        });
        List<JsonNode> alerts = StackFiles.alertRules(RULES);
        assertThat(alerts).allSatisfy(rule -> {
            String name = rule.path("alert").asText();
            assertThat(name).as("alert name").matches("[A-Za-z][A-Za-z0-9_]*");
            List<String> keys = new ArrayList<>();
            rule.fieldNames().forEachRemaining(keys::add);
            assertThat(RULE_KEYS).as(name + "'s keys").containsAll(keys);
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            assertThat(PromQl.metricNames(rule.path("expr").asText())).as(name + " reads a metric").isNotEmpty();
            assertBalanced(name, rule.path("expr").asText());
            assertThat(rule.path("for").asText()).as(name + "'s for").matches(DURATION);
            assertThat(rule.path("labels").path("severity").asText()).as(name + "'s severity")
                    .isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(name + "'s summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name + "'s description")
                    .isNotBlank();
        });
        assertThat(alerts.stream().map(rule -> rule.path("alert").asText()).distinct()).hasSameSizeAs(alerts);
    }

    @Test
    void givenAnAggregatingAlert_whenItsAnnotationsNameLabels_thenOnlyLabelsTheAggregationKeeps() {
        for (JsonNode rule : StackFiles.alertRules(RULES)) {
            String expr = rule.path("expr").asText();
            Set<String> kept = new HashSet<>();
            Matcher by = BY_LIST.matcher(expr);
            boolean aggregates = false;
            while (by.find()) {
                aggregates = true;
                for (String label : by.group(1).split(",")) {
                    kept.add(label.trim());
                }
            }
            if (!aggregates) {
                continue;
            }
            Matcher reference = LABEL_REFERENCE.matcher(rule.path("annotations").toString());
            while (reference.find()) {
                assertThat(kept).as(rule.path("alert").asText() + " names $labels." + reference.group(1))
                        .contains(reference.group(1));
            }
        }
    }

    @Test
    void givenTheIssuesList_whenTheAlertsAreRead_thenEachConcernHasARule() {
        List<String> exprs = StackFiles.alertRules(RULES).stream().map(rule -> rule.path("expr").asText()).toList();

        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_projection_lag_records"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_projection_lag_seconds"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_dead_letters_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_commands_total{outcome=\"rejected\"}")
                && expr.contains("/"));
        assertThat(exprs).anyMatch(expr -> expr.contains("eventloom_gateway_timeouts_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("kafka_stream_failed_stream_threads_total"));
        assertThat(exprs).anyMatch(expr -> expr.contains("kafka_stream_client_state"));
    }

    private static void assertBalanced(String name, String expr) {
        List<Character> open = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                open.add(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                assertThat(open).as(name + ": '" + c + "' at " + i + " closes nothing").isNotEmpty();
                assertThat(open.remove(open.size() - 1)).as(name + ": bracket at " + i)
                        .isEqualTo("([{".charAt(")]}".indexOf(c)));
            }
        }
        assertThat(quoted).as(name + ": unclosed string").isFalse();
        assertThat(open).as(name + ": unclosed brackets").isEmpty();
    }
}
