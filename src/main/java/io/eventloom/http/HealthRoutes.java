package io.eventloom.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.Health;
import io.eventloom.core.HealthCheck;
import io.javalin.http.Context;

import java.util.List;

/**
 * {@code GET /health/ready} (this instance can serve reads and accept commands) and {@code GET /health/live} (it has
 * not failed for good): 200 while every check of the kind is up, else 503, each check's status and details in the
 * body either way.
 */
final class HealthRoutes {

    private final List<HealthCheck> readiness;
    private final List<HealthCheck> liveness;

    HealthRoutes(List<HealthCheck> readiness, List<HealthCheck> liveness) {
        this.readiness = List.copyOf(readiness);
        this.liveness = List.copyOf(liveness);
    }

    void addTo(Routes routes) {
        routes.get("/health/live", Permission.open(), ctx -> answer(ctx, liveness));
        routes.get("/health/ready", Permission.open(), ctx -> answer(ctx, readiness));
    }

    private static void answer(Context ctx, List<HealthCheck> checks) {
        ObjectNode details = Json.object();
        boolean up = true;
        for (HealthCheck check : checks) {
            Health health = check.check();
            up &= health.up();
            ObjectNode one = details.putObject(check.name()).put("status", health.up() ? "UP" : "DOWN");
            health.details().forEach((key, value) -> one.set(key, Json.MAPPER.valueToTree(value)));
        }
        ObjectNode body = Json.object().put("status", up ? "UP" : "DOWN");
        body.set("checks", details);
        Json.respond(ctx, up ? 200 : 503, body);
    }
}
