package io.eventloom.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The compose stack's files as the repository holds them, and the PromQL its dashboard and alert rules run. */
final class StackFiles {

    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path PROMETHEUS_CONFIG = Path.of("ops/prometheus/prometheus.yml");
    static final Path ALERT_RULES = Path.of("ops/prometheus/alerts.yml");
    static final Path DATASOURCES = Path.of("ops/grafana/provisioning/datasources/prometheus.yml");
    static final Path DASHBOARD_PROVIDERS = Path.of("ops/grafana/provisioning/dashboards/eventloom.yml");
    static final Path DASHBOARD = Path.of("ops/grafana/dashboards/eventloom.json");
    static final Path MAKE_KEYS = Path.of("ops/stack/make-keys.sh");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A PromQL expression and where it stands: a dashboard panel or an alert rule. */
    record Expression(String where, String promQl) {
    }

    private StackFiles() {
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every panel of the dashboard, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every alerting rule of every group. */
    static List<JsonNode> alertRules(JsonNode rules) {
        List<JsonNode> alerts = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        return alerts;
    }

    static List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>();
        for (JsonNode panel : panels(json(DASHBOARD))) {
            panel.path("targets").forEach(target -> expressions.add(new Expression(
                    "dashboard panel '" + panel.path("title").asText() + "'", target.path("expr").asText())));
        }
        for (JsonNode variable : json(DASHBOARD).path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            expressions.add(new Expression("dashboard variable '" + variable.path("name").asText() + "'", text));
        }
        for (JsonNode rule : alertRules(yaml(ALERT_RULES))) {
            expressions.add(new Expression("alert " + rule.path("alert").asText(), rule.path("expr").asText()));
        }
        return expressions;
    }

    /** Each metric name the dashboard and the alert rules read, with the places that read it. */
    static Map<String, List<String>> metricUses() {
        Map<String, List<String>> uses = new TreeMap<>();
        for (Expression expression : expressions()) {
            for (String name : PromQl.metricNames(expression.promQl())) {
                List<String> places = uses.computeIfAbsent(name, n -> new ArrayList<>());
                if (!places.contains(expression.where())) {
                    places.add(expression.where());
                }
            }
        }
        return uses;
    }
}
