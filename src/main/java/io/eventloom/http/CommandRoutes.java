package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.AggregateType;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
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
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * {@code POST /api/{type}/{id}/{CommandName}}: the body is the command's payload as plain JSON; the command is
 * sent through the gateway and the request waits for its result.
 */
final class CommandRoutes {

    private final Map<String, Map<String, Schema>> commandsByType;
    private final CommandGateway gateway;
    private final AggregateRoutes aggregates;
    private final VersionWait wait;
    private final Duration timeout;
    private final long maxBodyBytes;

    CommandRoutes(Domain domain, CommandGateway gateway, AggregateRoutes aggregates, VersionWait wait,
                  Duration timeout, long maxBodyBytes) {
        this.commandsByType = domain.aggregates().stream().collect(Collectors.toUnmodifiableMap(AggregateType::name,
                type -> type.codec().commandPayloadTypes().stream().collect(Collectors.toMap(
                        Schema::getName, schema -> schema, (a, b) -> a, LinkedHashMap::new))));
        this.gateway = gateway;
        this.aggregates = aggregates;
        this.wait = wait;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    void addTo(Routes routes) {
        routes.post("/api/{type}/{id}/{command}", this::send);
    }

    private void send(Context ctx) throws InterruptedException {
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
        CommandResult result;
        try {
            result = gateway.send(type, id, payload, options, timeout).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("sending command " + options.commandId() + " failed", e.getCause());
        }
        if (result.getStatus() == CommandStatus.ACCEPTED) {
            ObjectNode body = Json.object()
                    .put("commandId", result.getCommandId())
                    .put("aggregateId", result.getAggregateId())
                    .put("version", result.getVersion());
            body.set("events", events(type, id, result));
            Json.respond(ctx, 200, body);
        } else {
            ObjectNode body = Json.object()
                    .put("commandId", result.getCommandId())
                    .put("code", result.getRejectionCode())
                    .put("message", result.getRejectionMessage())
                    .put("version", result.getVersion());
            Json.respond(ctx, rejectionStatus(result.getRejectionCode()), body);
        }
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

    private ApiError tooLarge(String size) {
        return new ApiError(413, "payload_too_large", size + "; at most " + maxBodyBytes + " bytes are accepted",
                Map.of());
    }

    /** The appended events with their payloads; their types only when the history cannot be read right now. */
    private ArrayNode events(String type, String id, CommandResult result) {
        long first = result.getVersion() - result.getEventCount() + 1;
        try {
            // The result is committed, so its events are readable once the store answers: a rebalance may delay
            // that briefly, for as long as a read with minVersion would wait.
            Optional<ArrayNode> events = wait.read(() -> Optional.of(ownEvents(type, id, first, result.getVersion())),
                    ArrayNode::size, Optional.of((long) result.getEventCount()));
            if (events.isPresent()) {
                return events.get();
            }
        } catch (StoreUnavailableException e) {
            // The command is applied all the same: its result says which events it appended.
        }
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (int i = 0; i < result.getEventTypes().size(); i++) {
            types.add(Json.object().put("version", first + i).put("type", result.getEventTypes().get(i)));
        }
        return types;
    }

    /** Versions {@code first} to {@code last}, in pages of the events route: never the aggregate's whole history. */
    private ArrayNode ownEvents(String type, String id, long first, long last) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        long from = first;
        while (from <= last) {
            int limit = (int) Math.min(last - from + 1, PageLimit.MAX);
            JsonNode page = aggregates.historyPage(type, id, from, limit).path("events");
            if (page.isEmpty()) {
                return events;
            }
            page.forEach(events::add);
            // Versions follow each other without gaps, so a page of n events from v ends at v + n - 1.
            from += page.size();
        }
        return events;
    }
}
