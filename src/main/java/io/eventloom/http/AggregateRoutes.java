package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.AggregateReader;
import io.eventloom.core.AggregateStores;
import io.eventloom.core.Domain;
import io.eventloom.core.HistoryEntry;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.Snapshot;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.StoreUnavailableException;
import io.javalin.http.Context;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code GET /api/{type}/{id}} (state, with read-your-writes) and {@code GET /api/{type}/{id}/events} (paged). */
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
        routes.get("/api/{type}/{id}", Permission.read("type"), this::state);
        routes.get("/api/{type}/{id}/events", Permission.read("type"), this::events);
    }

    /**
     * A page of the aggregate's history from whichever instance holds it, as the events route answers it: at most
     * {@code limit} events from {@code fromVersion} on, and {@code next}, the version the following page starts at
     * (null after the last); personal data shown or masked as for the caller it is read for.
     */
    CompletableFuture<JsonNode> historyPage(String type, String id, long fromVersion, int limit,
                                            PersonalData personal) {
        // This instance's active task for the aggregate answers first, without asking Kafka Streams' metadata (a
        // lock and a copy of every instance's partitions); only a key held elsewhere is looked up.
        try {
            return CompletableFuture.completedFuture(localHistoryPage(type, id, fromVersion, limit, personal));
        } catch (StoreUnavailableException notHere) {
            Optional<HostInfo> owner = router.remoteOwner(AggregateStores.of(type).history(), id);
            if (owner.isEmpty()) {
                throw notHere;
            }
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            parameters.put("fromVersion", List.of(String.valueOf(fromVersion)));
            parameters.put("limit", List.of(String.valueOf(limit)));
            return router.fetch(owner.get(), InstanceUrls.path("api", type, id, "events")
                    + InstanceUrls.query(parameters), personal);
        }
    }

    /** Events as a command result carries them, each rendered as the events route renders it. */
    ArrayNode resultEvents(String type, List<ByteBuffer> events, PersonalData personal) {
        ArrayNode rendered = Json.MAPPER.createArrayNode();
        reader.events(type, events).forEach(entry -> rendered.add(eventJson(entry, personal)));
        return rendered;
    }

    private ObjectNode localHistoryPage(String type, String id, long fromVersion, int limit,
                                        PersonalData personal) {
        // One event more than the page: whether it exists says whether another page follows.
        List<HistoryEntry> events = reader.history(type, id, fromVersion, limit + 1);
        ArrayNode page = Json.MAPPER.createArrayNode();
        events.stream().limit(limit).forEach(entry -> page.add(eventJson(entry, personal)));
        ObjectNode body = Json.object();
        body.set("events", page);
        if (events.size() > limit) {
            body.put("next", events.get(limit).event().version());
        } else {
            body.putNull("next");
        }
        return body;
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
        ctx.future(() -> wait.read(RuntimeMetrics.ReadKind.AGGREGATE,
                () -> CompletableFuture.completedFuture(reader.state(type, id)),
                Snapshot::version, minVersion).thenAccept(found -> {
                    Snapshot<SpecificRecord> snapshot = found.orElseThrow(
                            () -> ApiError.notFound(type + " '" + id + "' has no events"));
                    ObjectNode body = Json.object().put("aggregateId", id).put("version", snapshot.version());
                    body.set("state", AvroJson.write(snapshot.state(), snapshot.state().getSchema(),
                            AccessGuard.personalData(ctx)));
                    Json.respond(ctx, 200, body);
                }));
    }

    private void events(Context ctx) {
        String type = knownType(ctx);
        String id = PathIds.of(ctx, "id");
        long from = VersionWait.versionParameter(ctx, "fromVersion").orElse(1L);
        int limit = PageLimit.of(ctx);
        PersonalData personal = AccessGuard.personalData(ctx);
        if (InstanceRouter.isForwarded(ctx)) {
            Json.respond(ctx, 200, localHistoryPage(type, id, from, limit, personal));
        } else {
            ctx.future(() -> historyPage(type, id, from, limit, personal)
                    .thenAccept(page -> Json.respond(ctx, 200, page)));
        }
    }

    private String knownType(Context ctx) {
        String type = ctx.pathParam("type");
        if (domain.aggregate(type).isEmpty()) {
            throw ApiError.notFound("unknown aggregate type '" + type + "'");
        }
        return type;
    }

    private static JsonNode eventJson(HistoryEntry entry, PersonalData personal) {
        StoredEvent event = entry.event();
        ObjectNode json = Json.object()
                .put("eventId", event.eventId())
                .put("version", event.version())
                .put("type", event.payload().getSchema().getName())
                .put("occurredAt", event.occurredAt().toString())
                .put("commandId", event.commandId())
                .put("correlationId", event.correlationId())
                .put("causationId", event.causationId().orElse(null))
                .put("schemaId", entry.schemaId());
        if (entry.schemaVersion().isPresent()) {
            json.put("schemaVersion", entry.schemaVersion().getAsInt());
        } else {
            json.putNull("schemaVersion");
        }
        json.set("payload", AvroJson.write(event.payload(), event.payload().getSchema(), personal));
        return json;
    }
}
