package io.eventloom.serde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server that answers chosen requests with the bytes given, as Confluent Schema Registry would, and keeps
 * every request it received. Anything not chosen gets what Confluent's server gives an unknown route.
 */
final class ConfluentRegistryStub implements AutoCloseable {

    /** A request as it arrived: method, raw path and query, content type, accept, body. */
    record Request(String method, String target, String contentType, String accept, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ConfluentRegistryStub(HttpServer server) {
        this.server = server;
    }

    static ConfluentRegistryStub start() throws IOException {
        ConfluentRegistryStub stub = new ConfluentRegistryStub(HttpServer.create(
                new InetSocketAddress("localhost", 0), 0));
        stub.server.createContext("/", stub::handle);
        stub.server.start();
        return stub;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Answers {@code method target} (the raw path, and {@code ?query} when there is one) with status and body. */
    ConfluentRegistryStub answer(String method, String target, int status, String body) {
        answers.put(method + " " + target, new Answer(status, body));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), target,
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target,
                new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
