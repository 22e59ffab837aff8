package io.eventloom.http;

import java.util.Map;

/** A request the API answers with a client error: the HTTP status, a stable code and a message. */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message, Map.of());
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Extra fields of the error body, such as the valid command names. */
    Map<String, Object> details() {
        return details;
    }
}
