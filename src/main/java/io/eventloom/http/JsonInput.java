package io.eventloom.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.core.InternalDetails;

import java.io.IOException;

/**
 * Parses a request body as one JSON value with the API's limits ({@link Json#MAPPER}); a body it refuses is a
 * 400 {@code malformed_json} whose message says what is wrong in plain words, never in Jackson's class names.
 */
final class JsonInput {

    private JsonInput() {
    }

    /** The body's JSON value; empty or whitespace-only bodies are {@code missing_body}. */
    static JsonNode parse(byte[] body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", "the body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw ApiError.badRequest("malformed_json", "the body cannot be read as JSON");
        }
        if (json == null || json.isMissingNode()) {
            throw ApiError.badRequest("missing_body", "the command's fields are expected as a JSON object ({} when"
                    + " it has none)");
        }
        return json;
    }

    /** What is wrong with the JSON, and where, in words a client can act on. */
    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = original.startsWith("Document nesting depth")
                    ? "it nests deeper than " + Json.MAX_NESTING_DEPTH + " levels"
                    : "a number or text in it is longer than the parser accepts";
        } else if (original.startsWith("Trailing token")) {
            problem = "there is more content after the first JSON value";
        } else {
            problem = plain(original);
        }
        return problem + at(e.getLocation());
    }

    /** Jackson's own explanation up to its first hint that names internals, or a generic one. */
    private static String plain(String message) {
        // Jackson's hints name its own types and features, e.g. `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`.
        var internal = InternalDetails.PATTERN.matcher(message);
        if (!internal.find()) {
            return message;
        }
        String before = message.substring(0, internal.start());
        int colon = before.indexOf(':');
        int semicolon = before.indexOf(';');
        int cut = colon < 0 ? semicolon : semicolon < 0 ? colon : Math.min(colon, semicolon);
        String kept = cut > 0 ? before.substring(0, cut).trim() : "";
        return kept.isEmpty() || InternalDetails.foundIn(kept) ? "unexpected content" : kept;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
