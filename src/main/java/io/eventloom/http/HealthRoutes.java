package io.eventloom.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.Health;
import io.eventloom.core.HealthCheck;
import io.javalin.http.Context;

import java.util.List;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (every check is up: 200, else 503,
 * each check's status and details in the body either way).
 */
final class HealthRoutes {

    private final List<HealthCheck> checks;

    HealthRoutes(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    void addTo(Routes routes) {
        routes.get("/health/live", ctx -> Json.respond(ctx, 200, Json.object().put("status", "UP")));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        ObjectNode details = Json.object();
        boolean ready = true;
        for (HealthCheck check : checks) {
            Health health = check.check();
            ready &= health.up();
            ObjectNode one = details.putObject(check.name()).put("status", health.up() ? "UP" : "DOWN");
            health.details().forEach((key, value) -> one.set(key, Json.MAPPER.valueToTree(value)));
        }
        ObjectNode body = Json.object().put("status", ready ? "UP" : "DOWN");
        body.set("checks", details);
        Json.respond(ctx, ready ? 200 : 503, body);
    }
}
