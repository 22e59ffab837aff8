package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.StoreUnavailableException;
import io.javalin.http.Context;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/projections/{name}/{key}} (one row, from the instance that owns the key, with read-your-writes)
 * and {@code GET /api/projections/{name}} (a page of rows in key order, gathered from every instance).
 */
final class ProjectionRoutes {

    private final ProjectionQueries projections;
    private final InstanceRouter router;
    private final VersionWait wait;

    ProjectionRoutes(ProjectionQueries projections, InstanceRouter router, VersionWait wait) {
        this.projections = projections;
        this.router = router;
        this.wait = wait;
    }

    void addTo(Routes routes) {
        routes.get("/api/projections/{name}", Permission.read("name"), this::page);
        routes.get("/api/projections/{name}/{key}", Permission.read("name"), this::row);
    }

    private void row(Context ctx) {
        String name = knownProjection(ctx);
        String key = PathIds.of(ctx, "key");
        Optional<Long> minVersion = VersionWait.minVersion(ctx);
        if (InstanceRouter.isForwarded(ctx)) {
            ctx.future(() -> localRow(ctx, name, key, minVersion));
            return;
        }
        Optional<HostInfo> owner = router.remoteOwner(name, key);
        ctx.future(() -> routedRow(ctx, name, key, minVersion, owner, true));
    }

    /**
     * Answers from the owner, this instance or another. Between routing and reading, reads may switch to a rebuilt
     * generation placed otherwise, on one instance a moment before the other (or a rebalance may move the key): a
     * read that finds the key unavailable where it was routed may be routed once more (see {@link #routedAgain});
     * only that second answer is passed on.
     */
    private CompletableFuture<Void> routedRow(Context ctx, String name, String key, Optional<Long> minVersion,
                                              Optional<HostInfo> owner, boolean mayRouteAgain) {
        if (owner.isPresent()) {
            return router.ask(ctx, owner.get(), InstanceUrls.path("api", "projections", name, key))
                    .thenCompose(response -> {
                        Optional<CompletableFuture<Void>> again = response.statusCode() == 503 && mayRouteAgain
                                ? routedAgain(ctx, name, key, minVersion, owner) : Optional.empty();
                        return again.orElseGet(() -> {
                            InstanceRouter.relay(ctx, response);
                            return CompletableFuture.completedFuture(null);
                        });
                    });
        }
        return localRow(ctx, name, key, minVersion).exceptionallyCompose(error -> {
            Throwable cause = AsyncFailures.cause(error);
            Optional<CompletableFuture<Void>> again = cause instanceof StoreUnavailableException && mayRouteAgain
                    ? routedAgain(ctx, name, key, minVersion, owner) : Optional.empty();
            return again.orElseGet(() -> CompletableFuture.failedFuture(cause));
        });
    }

    /**
     * The read once more, where it is worth it. One without a version to wait for was answered at once: it is tried
     * again a moment later, wherever the key lives by then. One that waited for its version has already retried
     * where it was routed until its deadline: only a key that has moved since is tried again (at once), so the wait
     * stays bounded by {@code http.read.wait}.
     */
    private Optional<CompletableFuture<Void>> routedAgain(Context ctx, String name, String key,
                                                          Optional<Long> minVersion, Optional<HostInfo> before) {
        if (minVersion.isEmpty()) {
            return Optional.of(wait.later(() -> routedRow(ctx, name, key, minVersion, ownerNow(name, key, before),
                    false)));
        }
        Optional<HostInfo> now = ownerNow(name, key, before);
        return now.equals(before) ? Optional.empty() : Optional.of(routedRow(ctx, name, key, minVersion, now, false));
    }

    /** Where the key lives now; {@code before} while no instance is known to hold it. */
    private Optional<HostInfo> ownerNow(String name, String key, Optional<HostInfo> before) {
        try {
            return router.remoteOwner(name, key);
        } catch (StoreUnavailableException e) {
            return before;
        }
    }

    private CompletableFuture<Void> localRow(Context ctx, String name, String key, Optional<Long> minVersion) {
        return wait.read(RuntimeMetrics.ReadKind.PROJECTION,
                () -> CompletableFuture.completedFuture(projections.row(name, key)),
                ProjectionRoutes::version, minVersion).thenAccept(found -> {
                    SpecificRecord row = found.orElseThrow(
                            () -> ApiError.notFound("projection " + name + " has no row '" + key + "'"));
                    Json.respond(ctx, 200, rowJson(key, row, AccessGuard.personalData(ctx)));
                });
    }

    private void page(Context ctx) {
        String name = knownProjection(ctx);
        int limit = PageLimit.of(ctx);
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after"));
        PersonalData personal = AccessGuard.personalData(ctx);
        // Keys are unique across instances (each partition has one active owner), so merging by key is exact.
        TreeMap<String, JsonNode> rows = new TreeMap<>(ProjectionQueries.KEY_ORDER);
        projections.rows(name, after, limit).forEach(entry -> rows.put(entry.key,
                rowJson(entry.key, entry.value, personal)));
        if (InstanceRouter.isForwarded(ctx)) {
            respondPage(ctx, rows, limit);
            return;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("limit", List.of(String.valueOf(limit)));
        after.ifPresent(a -> parameters.put("after", List.of(a)));
        String pathAndQuery = InstanceUrls.path("api", "projections", name) + InstanceUrls.query(parameters);
        List<CompletableFuture<JsonNode>> others = router.otherHostsWith(name).stream()
                .map(host -> router.fetch(host, pathAndQuery, personal))
                .toList();
        ctx.future(() -> CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (CompletableFuture<JsonNode> other : others) {
                for (JsonNode row : other.join().path("rows")) {
                    rows.put(row.path("key").asText(), row);
                }
            }
            respondPage(ctx, rows, limit);
        }));
    }

    private static void respondPage(Context ctx, TreeMap<String, JsonNode> rows, int limit) {
        ArrayNode page = Json.MAPPER.createArrayNode();
        rows.values().stream().limit(limit).forEach(page::add);
        ObjectNode body = Json.object();
        body.set("rows", page);
        body.put("next", page.size() == limit ? page.get(page.size() - 1).path("key").asText() : null);
        Json.respond(ctx, 200, body);
    }

    private String knownProjection(Context ctx) {
        String name = ctx.pathParam("name");
        if (!projections.names().contains(name)) {
            throw ApiError.notFound("unknown projection '" + name + "'; known: " + projections.names());
        }
        return name;
    }

    private static JsonNode rowJson(String key, SpecificRecord row, PersonalData personal) {
        ObjectNode json = Json.object().put("key", key);
        json.set("row", AvroJson.write(row, row.getSchema(), personal));
        return json;
    }

    private static long version(SpecificRecord row) {
        Schema.Field field = row.getSchema().getField("version");
        if (field == null) {
            throw new IllegalStateException("projection row " + row.getSchema().getFullName()
                    + " has no version field, so minVersion cannot be honoured");
        }
        return ((Number) row.get(field.pos())).longValue();
    }
}
