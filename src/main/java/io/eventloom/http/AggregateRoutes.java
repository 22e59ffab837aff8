package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.AggregateReader;
import io.eventloom.core.AggregateStores;
import io.eventloom.core.Domain;
import io.eventloom.core.Snapshot;
import io.eventloom.core.StoredEvent;
import io.javalin.http.Context;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Optional;

/** {@code GET /api/{type}/{id}} (state, with read-your-writes) and {@code GET /api/{type}/{id}/events}. */
final class AggregateRoutes {

    private final Domain domain;
    private final AggregateReader reader;
    private final InstanceRouter router;
    private final VersionWait wait;

    AggregateRoutes(Domain domain, AggregateReader reader, InstanceRouter router, VersionWait wait) {
        this.domain = domain;
        this.reader = reader;
        this.router = router;
        this.wait = wait;
    }

    void addTo(Routes routes) {
        routes.get("/api/{type}/{id}", this::state);
        routes.get("/api/{type}/{id}/events", this::events);
    }

    /** The aggregate's events from {@code fromVersion} on as JSON, from whichever instance holds them. */
    ArrayNode history(String type, String id, long fromVersion) {
        Optional<HostInfo> owner = router.remoteOwner(AggregateStores.of(type).history(), id);
        if (owner.isPresent()) {
            return (ArrayNode) router.fetch(owner.get(), InstanceUrls.path("api", type, id, "events")
                    + InstanceUrls.query("fromVersion", fromVersion));
        }
        return localHistory(type, id, fromVersion);
    }

    private ArrayNode localHistory(String type, String id, long fromVersion) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        reader.history(type, id, fromVersion).forEach(event -> events.add(eventJson(event)));
        return events;
    }

    private void state(Context ctx) {
        String type = knownType(ctx);
        String id = PathIds.of(ctx, "id");
        Optional<Long> minVersion = VersionWait.minVersion(ctx);
        if (!InstanceRouter.isForwarded(ctx)) {
            Optional<HostInfo> owner = router.remoteOwner(AggregateStores.of(type).state(), id);
            if (owner.isPresent()) {
                router.forward(ctx, owner.get(), InstanceUrls.path("api", type, id));
                return;
            }
        }
        Snapshot<SpecificRecord> snapshot = wait.read(() -> reader.state(type, id), Snapshot::version, minVersion)
                .orElseThrow(() -> ApiError.notFound(type + " '" + id + "' has no events"));
        ObjectNode body = Json.object().put("aggregateId", id).put("version", snapshot.version());
        body.set("state", AvroJson.write(snapshot.state(), snapshot.state().getSchema()));
        Json.respond(ctx, 200, body);
    }

    private void events(Context ctx) {
        String type = knownType(ctx);
        String id = PathIds.of(ctx, "id");
        long from = VersionWait.versionParameter(ctx, "fromVersion").orElse(1L);
        Json.respond(ctx, 200, InstanceRouter.isForwarded(ctx) ? localHistory(type, id, from)
                : history(type, id, from));
    }

    private String knownType(Context ctx) {
        String type = ctx.pathParam("type");
        if (domain.aggregate(type).isEmpty()) {
            throw ApiError.notFound("unknown aggregate type '" + type + "'");
        }
        return type;
    }

    private static JsonNode eventJson(StoredEvent event) {
        ObjectNode json = Json.object()
                .put("eventId", event.eventId())
                .put("version", event.version())
                .put("type", event.payload().getSchema().getName())
                .put("occurredAt", event.occurredAt().toString())
                .put("commandId", event.commandId())
                .put("correlationId", event.correlationId())
                .put("causationId", event.causationId().orElse(null));
        json.set("payload", AvroJson.write(event.payload(), event.payload().getSchema()));
        return json;
    }
}
