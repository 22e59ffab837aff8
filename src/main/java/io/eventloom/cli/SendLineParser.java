package io.eventloom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.AggregateType;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
import io.eventloom.http.AvroJson;
import io.eventloom.http.InvalidJsonException;
import org.apache.avro.Schema;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one {@code send} line, {@code {"type":"product","id":"p-1","command":"CreateProduct","payload":{...},
 * "commandId":"optional","expectedVersion":optional}}, against the domain's command schemas.
 */
public final class SendLineParser {

    private static final Set<String> FIELDS = Set.of("type", "id", "command", "payload", "commandId",
            "expectedVersion");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Schema>> commandsByType;

    public SendLineParser(Domain domain) {
        this.commandsByType = domain.aggregates().stream().collect(Collectors.toUnmodifiableMap(AggregateType::name,
                type -> type.codec().commandPayloadTypes().stream()
                        .collect(Collectors.toUnmodifiableMap(Schema::getName, Function.identity()))));
    }

    public SendLine parse(long number, String text) {
        try {
            return command(number, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return new SendLine.Malformed(number, "not JSON: " + e.getOriginalMessage());
        } catch (InvalidJsonException e) {
            return new SendLine.Malformed(number, e.getMessage());
        }
    }

    private SendLine command(long number, JsonNode line) {
        if (line == null || !line.isObject()) {
            return new SendLine.Malformed(number, "not a JSON object");
        }
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidJsonException("unknown field '" + name + "'; known: " + FIELDS);
            }
        }
        String type = text(line, "type");
        Map<String, Schema> commands = commandsByType.get(type);
        if (commands == null) {
            throw new InvalidJsonException("unknown aggregate type '" + type + "'; known: "
                    + commandsByType.keySet());
        }
        String name = text(line, "command");
        Schema schema = commands.get(name);
        if (schema == null) {
            throw new InvalidJsonException("'" + name + "' is not a command of " + type + "; known: "
                    + commands.keySet());
        }
        JsonNode payload = line.path("payload");
        if (!payload.isObject()) {
            throw new InvalidJsonException("payload: a JSON object is required");
        }
        return new SendLine.Command(number, type, text(line, "id"), AvroJson.read(payload, schema),
                options(line));
    }

    private static CommandOptions options(JsonNode line) {
        CommandOptions options = CommandOptions.withId(line.has("commandId") ? text(line, "commandId")
                : UUID.randomUUID().toString());
        JsonNode expected = line.path("expectedVersion");
        if (expected.isMissingNode() || expected.isNull()) {
            return options;
        }
        if (!expected.canConvertToExactIntegral() || !expected.canConvertToLong() || expected.asLong() < 0) {
            throw new InvalidJsonException("expectedVersion: a version number (0 or more) is required");
        }
        return options.expectingVersion(expected.asLong());
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidJsonException(field + ": a non-empty string is required");
        }
        return value.asText();
    }
}
