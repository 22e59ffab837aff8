package io.eventloom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.Map;

/** Writes JSON answers and error bodies ({@code {"error": code, "message": ...}}) the same way on every route. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json";

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void respond(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a response body", e);
        }
    }

    static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
        ObjectNode body = object().put("error", code).put("message", message);
        details.forEach((name, value) -> body.set(name, MAPPER.valueToTree(value)));
        respond(ctx, status, body);
    }
}
