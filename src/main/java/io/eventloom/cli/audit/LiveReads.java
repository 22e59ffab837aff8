package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.cli.ApiClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the live app holds, read through its HTTP API, whichever instance holds it and under the caller's access: an
 * aggregate's state, one projection row, and every row of a projection page by page. A 503 (a store rebalancing or
 * restoring) is asked again for a while; any other answer but 200 or 404 is {@link RefusedException}.
 */
final class LiveReads {

    /** The largest page the API serves. */
    private static final int PAGE = 1000;
    private static final Duration UNAVAILABLE_RETRY = Duration.ofMillis(500);
    private static final int UNAVAILABLE_TRIES = 20;

    private final ApiClient client;

    LiveReads(ApiClient client) {
        this.client = client;
    }

    /** An answer the audit cannot go on from: the token refused, a bad request, the API failing. */
    static final class RefusedException extends RuntimeException {

        private final transient ApiClient.Answer answer;

        RefusedException(ApiClient.Answer answer) {
            super("HTTP " + answer.status() + ": " + answer.message());
            this.answer = answer;
        }

        ApiClient.Answer answer() {
            return answer;
        }
    }

    /** The aggregate's {@code version} and {@code state}; empty when the API has none. */
    Optional<JsonNode> state(String type, String id) throws IOException, InterruptedException {
        return found(get("", "api", type, id));
    }

    /** The projection's row for the key; empty when the API has none. */
    Optional<JsonNode> row(String projection, String key) throws IOException, InterruptedException {
        return found(get("", "api", "projections", projection, key)).map(answer -> answer.path("row"));
    }

    /** Hands every row of the projection to {@code each} (key, row), in key order. */
    void rows(String projection, BiConsumer<String, JsonNode> each) throws IOException, InterruptedException {
        String after = null;
        do {
            String query = "limit=" + PAGE + (after == null ? ""
                    : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            ApiClient.Answer page = get(query, "api", "projections", projection);
            if (page.status() != 200) {
                throw new RefusedException(page);
            }
            page.body().path("rows").forEach(row -> each.accept(row.path("key").asText(), row.path("row")));
            JsonNode next = page.body().path("next");
            after = next.isTextual() ? next.asText() : null;
        } while (after != null);
    }

    private static Optional<JsonNode> found(ApiClient.Answer answer) {
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new RefusedException(answer);
        }
        return Optional.of(answer.body());
    }

    private ApiClient.Answer get(String query, String... path) throws IOException, InterruptedException {
        ApiClient.Answer answer = client.get(query, path);
        for (int tries = 1; answer.status() == 503 && tries < UNAVAILABLE_TRIES; tries++) {
            Thread.sleep(UNAVAILABLE_RETRY.toMillis());
            answer = client.get(query, path);
        }
        return answer;
    }
}
