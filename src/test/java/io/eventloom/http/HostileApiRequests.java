package io.eventloom.http;

import io.eventloom.testing.HostileCase;
import io.eventloom.testing.RawHttp.Request;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Requests an attacker or a broken client sends to the HTTP API, each with the status it must get: malformed and
 * oversized bodies, deep nesting, wrong types, control characters, huge numbers, overflowing amounts, bad headers,
 * bad ids, unknown routes and methods, and requests Jetty refuses before the API sees them.
 */
final class HostileApiRequests {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String MUG = """
            {"sku":"MUG-1","name":"Mug","price":{"amountMinor":1250,"currency":"EUR"},"initialStock":10}""";

    private HostileApiRequests() {
    }

    static Stream<HostileCase> all() {
        return Stream.of(malformedBodies(), wrongTypes(), numbers(), headers(), ids(), http(), routes())
                .flatMap(cases -> cases);
    }

    private static Stream<HostileCase> malformedBodies() {
        return Stream.of(
                create("truncated JSON", "{\"sku\":", 400),
                create("a word after the object", MUG + " trailing", 400),
                create("an extra closing brace", MUG + "}", 400),
                create("two objects", MUG + MUG, 400),
                create("100k nested arrays", "[".repeat(100_000), 400),
                create("100k nested objects", "{\"a\":".repeat(100_000), 400),
                create("an array", "[]", 400),
                create("a string", "\"x\"", 400),
                create("null", "null", 400),
                create("a number", "42", 400),
                create("an empty body", "", 400),
                create("only whitespace", "   \r\n ", 400),
                create("a duplicate field", MUG.replace("{\"sku\":\"MUG-1\"", "{\"sku\":\"A\",\"sku\":\"B\""), 400),
                create("NaN", MUG.replace("1250", "NaN"), 400),
                create("a comment", "/* hi */" + MUG, 400),
                create("single quotes", MUG.replace('"', '\''), 400),
                create("a raw NUL byte in a string", MUG.replace("MUG-1", "MUG\u00001"), 400),
                create("a raw control byte in a string", MUG.replace("MUG-1", "MUG\u00011"), 400),
                create("an escaped NUL in a string", MUG.replace("MUG-1", "MUG\\u00001"), 200),
                createBytes("invalid UTF-8", new byte[] {'{', '"', 's', 'k', 'u', '"', ':', '"', (byte) 0xC3, '(', '"',
                        '}'}, 400),
                new HostileCase(command("a 2 MB body", "CreateProduct")
                        .body("{\"sku\":\"" + "x".repeat(2_000_000) + "\"}"), 413),
                new HostileCase(command("a 2 MB chunked body", "CreateProduct")
                        .body("{\"sku\":\"" + "x".repeat(2_000_000) + "\"}").chunked(), 413));
    }

    private static Stream<HostileCase> wrongTypes() {
        return Stream.of(
                create("an amount as a string", MUG.replace("1250", "\"1250\""), 400),
                create("an amount with a fraction", MUG.replace("1250", "12.5"), 400),
                create("an amount as a boolean", MUG.replace("1250", "true"), 400),
                create("a price as an array", MUG.replace("{\"amountMinor\":1250,\"currency\":\"EUR\"}", "[1250]"), 400),
                create("a stock as a string", MUG.replace(":10}", ":\"10\"}"), 400),
                create("a name as an object", MUG.replace("\"Mug\"", "{\"a\":1}"), 400),
                create("an unknown field", MUG.replace("{\"sku\"", "{\"colour\":\"red\",\"sku\""), 400),
                create("a null sku", MUG.replace("\"MUG-1\"", "null"), 400),
                create("a null price", MUG.replace("{\"amountMinor\":1250,\"currency\":\"EUR\"}", "null"), 400),
                create("a timestamp where none belongs", MUG.replace(":10}", ":\"2024-01-01T00:00:00Z\"}"), 400));
    }

    private static Stream<HostileCase> numbers() {
        return Stream.of(
                create("an amount of 1e400", MUG.replace("1250", "1e400"), 400),
                create("an amount of 2^63", MUG.replace("1250", "9223372036854775808"), 400),
                create("an amount below -2^63", MUG.replace("1250", "-9223372036854775809"), 400),
                create("an amount of 100k digits", MUG.replace("1250", "9".repeat(100_000)), 400),
                create("a stock of 2^31", MUG.replace(":10}", ":2147483648}"), 400),
                create("an amount of 5e18 minor units", MUG.replace("1250", "5000000000000000000"), 422),
                create("an amount of 2^63-1", MUG.replace("1250", "9223372036854775807"), 422),
                create("a negative amount", MUG.replace("1250", "-1"), 422),
                create("a negative stock", MUG.replace(":10}", ":-1}"), 422),
                new HostileCase(command("an order total over the maximum", "PlaceOrder", "order").body("""
                        {"customerId":"c-1","lines":[{"productId":"p-1","quantity":2147483647,
                        "unitPrice":{"amountMinor":1000000000000,"currency":"EUR"}}]}"""), 422),
                new HostileCase(command("a quantity of 1e400", "PlaceOrder", "order").body("""
                        {"customerId":"c-1","lines":[{"productId":"p-1","quantity":1e400,
                        "unitPrice":{"amountMinor":100,"currency":"EUR"}}]}"""), 400));
    }

    private static Stream<HostileCase> headers() {
        return Stream.of(
                new HostileCase(valid("a non-ASCII Idempotency-Key").header("Idempotency-Key", "clé-ü-1"), 400),
                new HostileCase(valid("a 300-character Idempotency-Key").header("Idempotency-Key", "k".repeat(300)),
                        400),
                new HostileCase(valid("an empty Idempotency-Key").header("Idempotency-Key", ""), 400),
                new HostileCase(valid("a tab inside the Idempotency-Key").header("Idempotency-Key", "a\tb"), 400),
                new HostileCase(valid("a control byte in the Idempotency-Key").header("Idempotency-Key", "a\u0001b"),
                        400),
                new HostileCase(valid("a NUL in the Idempotency-Key").header("Idempotency-Key", "a\u0000b"), 400),
                new HostileCase(valid("an Idempotency-Key with inner spaces").header("Idempotency-Key",
                        "order 42 create " + RUN + NEXT.incrementAndGet()), 200),
                new HostileCase(valid("If-Match: latest").header("If-Match", "latest"), 400),
                new HostileCase(valid("If-Match: -1").header("If-Match", "-1"), 400),
                new HostileCase(valid("If-Match of 20 digits").header("If-Match", "99999999999999999999"), 400),
                new HostileCase(valid("If-Match: W/\"x\"").header("If-Match", "W/\"x\""), 400),
                new HostileCase(valid("If-Match: *").header("If-Match", "*"), 400),
                new HostileCase(valid("If-Match: 1, 2").header("If-Match", "1, 2"), 400),
                new HostileCase(valid("If-Match with a non-ASCII digit").header("If-Match", "١"), 400),
                new HostileCase(untyped("a text/plain body").header("Content-Type", "text/plain"), 415),
                new HostileCase(untyped("a form-encoded body").header("Content-Type",
                        "application/x-www-form-urlencoded"), 415),
                new HostileCase(untyped("a multipart body").header("Content-Type", "multipart/form-data; boundary=x"),
                        415),
                new HostileCase(untyped("no Content-Type"), 415),
                new HostileCase(untyped("application/jsonp").header("Content-Type", "application/jsonp"), 415),
                new HostileCase(untyped("JSON with a charset").header("Content-Type",
                        "application/json; charset=utf-8"), 200),
                new HostileCase(untyped("JSON in capitals").header("Content-Type", "APPLICATION/JSON"), 200),
                new HostileCase(valid("a gzip Content-Encoding").header("Content-Encoding", "gzip"), 415));
    }

    private static Stream<HostileCase> ids() {
        return Stream.of(
                new HostileCase(Request.of("a command for an id with %01", "POST",
                        "/api/product/a%01b/CreateProduct").body(MUG), 400),
                get("a state read for an id with %7F", "/api/product/a%7Fb", 400),
                get("an events read for an id with a newline", "/api/product/a%0Ab/events", 400),
                get("a state read for a 300-character id", "/api/product/" + "i".repeat(300), 400),
                get("a row read for a key with %01", "/api/projections/product-catalog/a%01b", 400),
                get("a state read for an id with %00", "/api/product/a%00b", 400),
                get("a state read for an id with a bad escape", "/api/product/a%zzb", 400),
                get("a state read for an encoded '..'", "/api/product/%2E%2E", 404),
                get("a state read for an id of non-ASCII bytes", "/api/product/%C3%A9t%C3%A9-" + RUN, 404),
                get("a state read for an id of invalid UTF-8", "/api/product/%C3%28", 400));
    }

    private static Stream<HostileCase> http() {
        return Stream.of(
                get("a 20 kB URL", "/api/product/" + "u".repeat(20_000), 414),
                get("a 20 kB query", "/api/product/x?minVersion=" + "1".repeat(20_000), 414),
                new HostileCase(Request.of("a 20 kB header", "GET", "/health/live").header("X-Big", "h".repeat(20_000)),
                        431),
                new HostileCase(Request.raw("a raw NUL in the path",
                        "GET /api/product/a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1)), 400),
                new HostileCase(Request.raw("a request line of garbage",
                        "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400),
                new HostileCase(command("both Content-Length and chunked", "CreateProduct")
                        .header("Content-Length", "2").header("Transfer-Encoding", "chunked").body("2\r\n{}\r\n0\r\n\r\n"),
                        400),
                new HostileCase(command("a negative Content-Length", "CreateProduct")
                        .header("Content-Length", "-1").body("{}"), 400),
                get("a minVersion that is a word", "/api/product/x?minVersion=soon", 400),
                get("a minVersion of 20 digits", "/api/product/x?minVersion=99999999999999999999", 400),
                get("a minVersion with a bad escape", "/api/product/x?minVersion=%zz", 400),
                get("a negative fromVersion", "/api/product/x/events?fromVersion=-5", 200),
                get("the smallest fromVersion", "/api/product/x/events?fromVersion=-9223372036854775808", 200),
                get("the largest fromVersion with the largest limit",
                        "/api/product/x/events?fromVersion=9223372036854775807&limit=1000", 200),
                get("an events limit over the maximum", "/api/product/x/events?limit=1001", 400),
                get("an events limit of 11 digits", "/api/product/x/events?limit=99999999999", 400),
                get("a limit of zero", "/api/projections/product-catalog?limit=0", 400),
                get("a limit of 11 digits", "/api/projections/product-catalog?limit=99999999999", 400),
                get("an after key with a control character", "/api/projections/product-catalog?after=a%01b", 200));
    }

    private static Stream<HostileCase> routes() {
        return Stream.of(
                get("an unknown route", "/nothing/here", 404),
                new HostileCase(Request.of("DELETE of an aggregate", "DELETE", "/api/product/x"), 404),
                new HostileCase(Request.of("PUT of a command", "PUT", "/api/product/x/CreateProduct").body(MUG), 404),
                new HostileCase(Request.of("an unknown method", "BREW", "/api/product/x"), 404),
                new HostileCase(Request.of("an unknown type", "POST", "/api/spaceship/x/Launch").body("{}"), 404),
                new HostileCase(Request.of("an unknown command", "POST", "/api/product/x/Explode").body("{}"), 400),
                get("an unknown projection", "/api/projections/nope", 404),
                get("a path that climbs out", "/api/product/../../../etc/passwd", 400));
    }

    private static HostileCase create(String name, String body, int status) {
        return new HostileCase(command(name, "CreateProduct").body(body), status);
    }

    private static HostileCase createBytes(String name, byte[] body, int status) {
        return new HostileCase(command(name, "CreateProduct").body(body), status);
    }

    private static HostileCase get(String name, String target, int status) {
        return new HostileCase(Request.of(name, "GET", target), status);
    }

    /** A valid CreateProduct for a fresh product, so that only the case's header can make it fail. */
    private static Request valid(String name) {
        return command(name, "CreateProduct").body(MUG);
    }

    /** A valid CreateProduct without a Content-Type, for the case to give its own (or none). */
    private static Request untyped(String name) {
        return Request.of(name, "POST", "/api/product/hostile-" + NEXT.incrementAndGet() + "-" + RUN
                + "/CreateProduct").body(MUG);
    }

    private static Request command(String name, String command) {
        return command(name, command, "product");
    }

    private static Request command(String name, String command, String type) {
        return Request.of(name, "POST", "/api/" + type + "/hostile-" + NEXT.incrementAndGet() + "-" + RUN + "/"
                + command).header("Content-Type", Json.CONTENT_TYPE);
    }
}
