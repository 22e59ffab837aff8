package io.eventloom.http;

import io.javalin.http.Context;
import org.apache.kafka.streams.KafkaStreams;

/** {@code GET /health/live} (the process answers) and {@code GET /health/ready} (Kafka Streams is RUNNING). */
final class HealthRoutes {

    private final KafkaStreams streams;

    HealthRoutes(KafkaStreams streams) {
        this.streams = streams;
    }

    void addTo(Routes routes) {
        routes.get("/health/live", ctx -> Json.respond(ctx, 200, Json.object().put("status", "UP")));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        KafkaStreams.State state = streams.state();
        boolean ready = state == KafkaStreams.State.RUNNING;
        Json.respond(ctx, ready ? 200 : 503, Json.object().put("status", ready ? "UP" : "DOWN")
                .put("state", state.name()));
    }
}
