package io.eventloom.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.Map;

/** Writes JSON answers and error bodies ({@code {"error": code, "message": ...}}) the same way on every route. */
final class Json {

    /** No command of any aggregate nests anywhere near this deep; deeper input is refused, not recursed into. */
    static final int MAX_NESTING_DEPTH = 64;

    /**
     * Strict on input: one JSON value per body (content after it is refused, not silently ignored), each field
     * once, nesting bounded.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
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
        respond(ctx, status, errorBody(code, message, details));
    }

    static ObjectNode errorBody(String code, String message, Map<String, Object> details) {
        ObjectNode body = object().put("error", code).put("message", message);
        details.forEach((name, value) -> body.set(name, MAPPER.valueToTree(value)));
        return body;
    }
}
