package io.eventloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** GETs from the app's HTTP API with the operator's bearer token, answers read as JSON. */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ApiClient(String baseUrl, Optional<String> token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** The status and body of one answer; a body that is not JSON (a proxy's error page) reads as missing. */
    public record Answer(int status, JsonNode body) {

        /** The API's own explanation of an error answer, else the bare status. */
        public String message() {
            return body.path("message").asText("HTTP " + status);
        }
    }

    /**
     * @param path the API path, its segments given apart and encoded here, e.g. {@code "api", type, id, "events"}
     * @throws IOException when the API cannot be reached
     */
    public Answer get(String query, String... path) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(baseUrl);
        for (String segment : path) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(TIMEOUT)
                .header("Accept", "application/json").GET();
        token.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), body(response.body()));
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static JsonNode body(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
