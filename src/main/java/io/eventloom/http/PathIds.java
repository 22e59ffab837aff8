package io.eventloom.http;

import io.javalin.http.Context;

/**
 * Aggregate ids and projection keys as they come in a URL, for commands and reads alike: 1 to {@value #MAX_LENGTH}
 * characters, none of them a control character; anything else is a 400 {@code invalid_id}.
 */
final class PathIds {

    static final int MAX_LENGTH = 255;

    private PathIds() {
    }

    /** The decoded path parameter, once it is a valid id. */
    static String of(Context ctx, String parameter) {
        String id = ctx.pathParam(parameter);
        int length = id.codePointCount(0, id.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw invalid(parameter, "has " + length + " characters");
        }
        int[] codePoints = id.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (Character.isISOControl(codePoints[i])) {
                throw invalid(parameter, String.format("has the control character U+%04X at position %d",
                        codePoints[i], i + 1));
            }
        }
        return id;
    }

    // The id itself is not echoed: it may be huge or hold the very characters that make it invalid.
    private static ApiError invalid(String parameter, String problem) {
        return ApiError.badRequest("invalid_id", "the " + parameter + " must be 1 to " + MAX_LENGTH
                + " characters, none of them a control character; this one " + problem);
    }
}
