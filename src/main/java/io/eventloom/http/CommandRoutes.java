package io.eventloom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.AggregateType;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
import io.eventloom.core.EnvelopeCodec;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.javalin.http.Context;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * {@code POST /api/{type}/{id}/{CommandName}}: the body is the command's payload as plain JSON; the command is
 * sent through the gateway and the request waits for its result.
 */
final class CommandRoutes {

    /** The runtime's rejection code for a stale {@code If-Match}; it answers 409 rather than 422. */
    static final String CONCURRENCY_CONFLICT = "CONCURRENCY_CONFLICT";

    private final Map<String, Map<String, Schema>> commandsByType;
    private final CommandGateway gateway;
    private final AggregateRoutes aggregates;
    private final Duration timeout;

    CommandRoutes(Domain domain, CommandGateway gateway, AggregateRoutes aggregates, Duration timeout) {
        this.commandsByType = domain.aggregates().stream().collect(Collectors.toUnmodifiableMap(AggregateType::name,
                type -> EnvelopeCodec.of(type).commandPayloadTypes().stream().collect(Collectors.toMap(
                        Schema::getName, schema -> schema, (a, b) -> a, LinkedHashMap::new))));
        this.gateway = gateway;
        this.aggregates = aggregates;
        this.timeout = timeout;
    }

    void addTo(Routes routes) {
        routes.post("/api/{type}/{id}/{command}", this::send);
    }

    private void send(Context ctx) throws InterruptedException {
        String type = ctx.pathParam("type");
        String id = ctx.pathParam("id");
        Map<String, Schema> commands = commandsByType.get(type);
        if (commands == null) {
            throw ApiError.notFound("unknown aggregate type '" + type + "'; known: " + commandsByType.keySet());
        }
        Schema schema = commands.get(ctx.pathParam("command"));
        if (schema == null) {
            throw new ApiError(400, "unknown_command", "'" + ctx.pathParam("command") + "' is not a command of "
                    + type, Map.of("commands", List.copyOf(commands.keySet())));
        }
        SpecificRecord payload = AvroJson.read(body(ctx), schema);
        CommandOptions options = options(ctx);
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
            Json.respond(ctx, CONCURRENCY_CONFLICT.equals(result.getRejectionCode()) ? 409 : 422, body);
        }
    }

    private static JsonNode body(Context ctx) {
        if (ctx.contentLength() > HttpSettings.MAX_BODY_BYTES) {
            throw new ApiError(413, "payload_too_large", "the body is " + ctx.contentLength()
                    + " bytes; at most " + HttpSettings.MAX_BODY_BYTES + " are accepted", Map.of());
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiError.badRequest("missing_body", "the command's fields are expected as a JSON object ({} when"
                    + " it has none)");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("malformed_json", "the body cannot be read: " + e.getMessage());
        }
    }

    private static CommandOptions options(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        CommandOptions options = CommandOptions.withId(key == null || key.isBlank()
                ? UUID.randomUUID().toString() : key.trim());
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return options;
        }
        // Accept the version bare or as an entity tag ("3", W/"3"), as HTTP clients tend to send it.
        String version = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return options.expectingVersion(Long.parseLong(version));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_header", "If-Match must be the expected version, a whole number;"
                    + " was '" + ifMatch + "'");
        }
    }

    /** The appended events with their payloads; their types only when the history cannot be read right now. */
    private ArrayNode events(String type, String id, CommandResult result) {
        long first = result.getVersion() - result.getEventCount() + 1;
        ArrayNode events = Json.MAPPER.createArrayNode();
        try {
            // Only the command's own events are read: a long history is never loaded for one command.
            for (JsonNode event : aggregates.history(type, id, first)) {
                long version = event.path("version").asLong();
                if (version >= first && version <= result.getVersion()) {
                    events.add(event);
                }
            }
            return events;
        } catch (StoreUnavailableException e) {
            events.removeAll();
            for (int i = 0; i < result.getEventTypes().size(); i++) {
                events.add(Json.object().put("version", first + i).put("type", result.getEventTypes().get(i)));
            }
            return events;
        }
    }
}
