package io.eventloom.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWKS endpoint on a free local port: counts its requests; can change keys, fail or stop. */
public final class JwksServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final URI uri;
    private final AtomicReference<String> keySet = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();

    private JwksServer(JWK... keys) throws IOException {
        publish(keys);
        server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
        server.createContext("/jwks", this::answer);
        server.start();
        uri = URI.create("http://" + HOST + ":" + server.getAddress().getPort() + "/jwks");
    }

    /** Publishing the public halves of {@code keys}. */
    public static JwksServer serving(JWK... keys) {
        try {
            return new JwksServer(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void publish(JWK... keys) {
        keySet.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    /** Every request from now on is answered with {@code code}: the key set for 200, else no key set. */
    public void failWith(int code) {
        status.set(code);
    }

    public int requests() {
        return requests.get();
    }

    public URI uri() {
        return uri;
    }

    /** Closes the port: fetches are refused from now on. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        int code = status.get();
        byte[] body = (code == 200 ? keySet.get() : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
