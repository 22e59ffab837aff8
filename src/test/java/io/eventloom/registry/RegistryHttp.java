package io.eventloom.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Plain HTTP calls to a registry, as a Confluent client makes them, for tests that check the raw answers. */
final class RegistryHttp {

    static final String VND_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newHttpClient();

    /** An answer: status, content type and body (parsed when it is JSON). */
    record Response(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    RegistryHttp(String baseUrl) {
        this(baseUrl, Optional.empty());
    }

    /** Calls that carry {@code token} as their bearer token. */
    RegistryHttp(String baseUrl, Optional<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    Response post(String path, String body) {
        return post(path, body, VND_JSON);
    }

    Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", VND_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    int register(String subject, Schema schema) {
        Response response = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (response.status() != 200) {
            throw new AssertionError("register failed: " + response);
        }
        return response.json().path("id").asInt();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
            HttpResponse<String> response = http.send(request.header("Accept", VND_JSON).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
