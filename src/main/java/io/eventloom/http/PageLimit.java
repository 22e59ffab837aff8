package io.eventloom.http;

import io.javalin.http.Context;

/** The {@code limit} query parameter of a paged read: how many items a page holds at most. */
final class PageLimit {

    static final int DEFAULT = 100;
    static final int MAX = 1000;

    private PageLimit() {
    }

    /** The request's limit, {@link #DEFAULT} when absent; anything but a whole number from 1 to {@link #MAX} is 400. */
    static int of(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw ApiError.badRequest("invalid_parameter", "limit must be a whole number from 1 to " + MAX
                + ", was '" + raw + "'");
    }
}
