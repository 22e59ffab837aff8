package io.eventloom.registry;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.InternalDetails;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Confluent's error body, {@code {"error_code": n, "message": text}}, and the words for a request body that is
 * not the JSON a route expects: plain text, never Jackson's class names.
 */
final class RegistryErrors {

    private RegistryErrors() {
    }

    static byte[] body(ObjectMapper json, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an error body", e);
        }
    }

    /** A 400 for a body that is not JSON, or JSON without the fields the route reads. */
    static RegistryException badBody(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(name -> name != null).collect(Collectors.joining("."));
            return RegistryException.badRequest("Request body has a field of the wrong type: '" + field + "'"
                    + " (\"schema\" and \"schemaType\" are strings, \"references\" an array)");
        }
        if (e instanceof JsonMappingException && !(e instanceof JsonParseException)) {
            return RegistryException.badRequest("Request body must be a JSON object such as {\"schema\": \"...\"}");
        }
        String problem = e instanceof StreamConstraintsException
                ? "it nests deeper or holds longer values than the parser accepts" : plain(e.getOriginalMessage());
        return RegistryException.badRequest("Request body is not valid JSON: " + problem);
    }

    // Jackson's explanation up to its first hint that names internals, or a generic one.
    private static String plain(String message) {
        if (message == null) {
            return "unexpected content";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more content after the first JSON value";
        }
        var internal = InternalDetails.PATTERN.matcher(message);
        if (!internal.find()) {
            return message;
        }
        String before = message.substring(0, internal.start());
        int cut = before.indexOf(':');
        String kept = cut > 0 ? before.substring(0, cut).trim() : "";
        return kept.isEmpty() ? "unexpected content" : kept;
    }
}
