package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.AggregateType;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.RuntimeRejections;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.javalin.http.Context;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * {@code POST /api/{type}/{id}/{CommandName}}: the body is the command's payload as plain JSON; the command is
 * sent through the gateway and the request is answered once its result arrives, holding no thread meanwhile.
 */
final class CommandRoutes {

    private final Map<String, Map<String, Schema>> commandsByType;
    private final CommandGateway gateway;
    private final AggregateRoutes aggregates;
    private final VersionWait wait;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final Executor work;

    /** @param work where answers are built once a result arrives: the HTTP server's thread pool */
    CommandRoutes(Domain domain, CommandGateway gateway, AggregateRoutes aggregates, VersionWait wait,
                  Duration timeout, long maxBodyBytes, Executor work) {
        this.commandsByType = domain.aggregates().stream().collect(Collectors.toUnmodifiableMap(AggregateType::name,
                type -> type.codec().commandPayloadTypes().stream().collect(Collectors.toMap(
                        Schema::getName, schema -> schema, (a, b) -> a, LinkedHashMap::new))));
        this.gateway = gateway;
        this.aggregates = aggregates;
        this.wait = wait;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.work = work;
    }

    void addTo(Routes routes) {
        routes.post("/api/{type}/{id}/{command}", Permission.write("type"), this::send);
    }

    private void send(Context ctx) {
        String type = ctx.pathParam("type");
        Map<String, Schema> commands = commandsByType.get(type);
        if (commands == null) {
            throw ApiError.notFound("unknown aggregate type '" + type + "'; known: " + commandsByType.keySet());
        }
        Schema schema = commands.get(ctx.pathParam("command"));
        if (schema == null) {
            throw new ApiError(400, "unknown_command", "'" + ctx.pathParam("command") + "' is not a command of "
                    + type, Map.of("commands", List.copyOf(commands.keySet())));
        }
        String id = PathIds.of(ctx, "id");
        CommandOptions options = CommandHeaders.options(ctx);
        SpecificRecord payload = AvroJson.read(body(ctx), schema);
        // No thread waits for the result: the gateway completes the future, the answer is built on the server's pool.
        ctx.future(() -> gateway.send(type, id, payload, options, timeout)
                .thenComposeAsync(result -> answer(ctx, type, id, result), work));
    }

    private CompletableFuture<Void> answer(Context ctx, String type, String id, CommandResult result) {
        if (result.getStatus() != CommandStatus.ACCEPTED) {
            ObjectNode body = Json.object()
                    .put("commandId", result.getCommandId())
                    .put("code", result.getRejectionCode())
                    .put("message", result.getRejectionMessage())
                    .put("version", result.getVersion());
            Json.respond(ctx, rejectionStatus(result.getRejectionCode()), body);
            return CompletableFuture.completedFuture(null);
        }
        return events(type, id, result, AccessGuard.personalData(ctx)).thenAccept(events -> {
            ObjectNode body = Json.object()
                    .put("commandId", result.getCommandId())
                    .put("aggregateId", result.getAggregateId())
                    .put("version", result.getVersion());
            body.set("events", events);
            Json.respond(ctx, 200, body);
        });
    }

    /** 409 for a stale If-Match, 413 for events too large for the log, 422 for every business rejection. */
    static int rejectionStatus(String code) {
        if (RuntimeRejections.CONCURRENCY_CONFLICT.equals(code)) {
            return 409;
        }
        return RuntimeRejections.RECORD_TOO_LARGE.equals(code) ? 413 : 422;
    }

    private JsonNode body(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiError(415, "unsupported_encoding", "the body must be sent uncompressed; Content-Encoding"
                    + " is not supported", Map.of());
        }
        if (!isJson(ctx.header("Content-Type"))) {
            // Only a JSON body makes a browser ask first (a CORS preflight): a text/plain or form post from any web
            // page would otherwise be sent straight away, with the user's credentials, and write blind.
            throw new ApiError(415, "unsupported_media_type", "a command's body must be sent as Content-Type:"
                    + " application/json", Map.of());
        }
        if (ctx.contentLength() > maxBodyBytes) {
            throw tooLarge("the body is " + ctx.contentLength() + " bytes");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBodyBytes) {
            throw tooLarge("the body is " + bytes.length + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("missing_body", "the command's fields are expected as a JSON object ({} when"
                    + " it has none)");
        }
        return JsonInput.parse(bytes);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.trim().equalsIgnoreCase("application/json");
    }

    private ApiError tooLarge(String size) {
        return new ApiError(413, "payload_too_large", size + "; at most " + maxBodyBytes + " bytes are accepted",
                Map.of());
    }

    /**
     * The appended events with their payloads: from the result when it carries them (as it does for a command sent
     * through a gateway, unless they were too large to), else read back from the history; their types only when
     * they cannot be read or decoded right now.
     */
    private CompletableFuture<ArrayNode> events(String type, String id, CommandResult result,
                                                PersonalData personal) {
        long first = result.getVersion() - result.getEventCount() + 1;
        CompletableFuture<ArrayNode> events = result.getEvents().size() == result.getEventCount()
                ? decoded(type, result, personal)
                // The result is committed, so its events are readable once the store answers: a rebalance may delay
                // that briefly, for as long as a read with minVersion would wait.
                : wait.read(RuntimeMetrics.ReadKind.AGGREGATE, () -> ownEvents(type, id, first, result.getVersion(),
                                        personal, Json.MAPPER.createArrayNode())
                                .thenApply(Optional::of), ArrayNode::size, Optional.of((long) result.getEventCount()))
                        .thenApply(Optional::get);
        return events.exceptionallyCompose(error -> unreadableForNow(AsyncFailures.cause(error))
                ? CompletableFuture.completedFuture(eventTypes(result, first))
                : CompletableFuture.failedFuture(AsyncFailures.cause(error)));
    }

    /** The events the result carries, decoded; a failure to decode is the future's, as a read's would be. */
    private CompletableFuture<ArrayNode> decoded(String type, CommandResult result, PersonalData personal) {
        try {
            return CompletableFuture.completedFuture(aggregates.resultEvents(type, result.getEvents(), personal));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The events cannot be read or decoded right now: their store is moving (a rebalance), or the registry, asked
     * for a schema this instance has not fetched yet (another instance's, newer), cannot be reached. The command is
     * applied all the same, so it is answered 200 with what its result says it appended: never an error a client
     * would retry, appending the events twice under a new command id.
     */
    private static boolean unreadableForNow(Throwable failure) {
        return failure instanceof StoreUnavailableException || SendFailures.registryUnavailable(failure);
    }

    private static ArrayNode eventTypes(CommandResult result, long first) {
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (int i = 0; i < result.getEventTypes().size(); i++) {
            types.add(Json.object().put("version", first + i).put("type", result.getEventTypes().get(i)));
        }
        return types;
    }

    /** Versions {@code from} to {@code last}, in pages of the events route: never the aggregate's whole history. */
    private CompletableFuture<ArrayNode> ownEvents(String type, String id, long from, long last,
                                                   PersonalData personal, ArrayNode events) {
        if (from > last) {
            return CompletableFuture.completedFuture(events);
        }
        int limit = (int) Math.min(last - from + 1, PageLimit.MAX);
        return aggregates.historyPage(type, id, from, limit, personal).thenCompose(page -> {
            JsonNode found = page.path("events");
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(events);
            }
            found.forEach(events::add);
            // Versions follow each other without gaps, so a page of n events from v ends at v + n - 1.
            return ownEvents(type, id, from + found.size(), last, personal, events);
        });
    }
}
