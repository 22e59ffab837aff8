package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Real HTTP requests against an API on localhost, and their JSON bodies; each with the client's bearer token unless
 * the request gives its own Authorization.
 */
public final class HttpClientSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Optional<String> token;

    private HttpClientSupport(int port, Optional<String> token) {
        this.port = port;
        this.token = token;
    }

    /** A client of the app, with the admin key the app keeps. */
    public static HttpClientSupport of(EventloomApp app) {
        return new HttpClientSupport(app.httpPort(), Optional.of(app.adminToken().orElseThrow(
                () -> new IllegalStateException("the app keeps no admin key: give the client a token"))));
    }

    /** A client of an API secured by {@link TestAccess}, with its admin key. */
    static HttpClientSupport of(HttpApi api) {
        return new HttpClientSupport(api.port(), Optional.of(TestAccess.ADMIN_KEY));
    }

    static HttpClientSupport withToken(int port, String token) {
        return new HttpClientSupport(port, Optional.of(token));
    }

    /** A client that sends no token. */
    static HttpClientSupport anonymous(int port) {
        return new HttpClientSupport(port, Optional.empty());
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** A GET that fails unless answered within {@code timeout}. */
    HttpResponse<String> get(String path, Duration timeout) {
        return send(request(path).timeout(timeout).GET().build());
    }

    /** A POST of a JSON body ({@code Content-Type: application/json} unless the headers give another). */
    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(json(request(path, headers), headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST whose answer arrives later, so that many can be in flight from one thread. */
    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return CLIENT.sendAsync(json(request(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String... headers) {
        return has(headers, "Content-Type") ? request : request.header("Content-Type", Json.CONTENT_TYPE);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        if (token.isPresent() && !has(headers, "Authorization")) {
            builder.header("Authorization", "Bearer " + token.get());
        }
        return builder;
    }

    private static boolean has(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
