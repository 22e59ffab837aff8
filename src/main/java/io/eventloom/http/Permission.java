package io.eventloom.http;

import io.eventloom.auth.Scopes;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.BiFunction;

/** What a route asks of its caller: nothing (health, the OpenAPI file), or a scope that may name a path parameter. */
final class Permission {

    private static final Permission OPEN = new Permission(null);

    // Null for an open route; else why the caller's scopes are not enough for this request, or empty when they are.
    private final BiFunction<Scopes, Context, Optional<String>> refusal;

    private Permission(BiFunction<Scopes, Context, Optional<String>> refusal) {
        this.refusal = refusal;
    }

    /** Anyone may call it, without a token: probes and documentation. */
    static Permission open() {
        return OPEN;
    }

    /** Reading the aggregate type or projection named by the path parameter. */
    static Permission read(String parameter) {
        return new Permission((scopes, ctx) -> {
            String name = ctx.pathParam(parameter);
            return scopes.canRead(name) ? Optional.empty()
                    : Optional.of("reading " + name + " needs scope read or read:" + name);
        });
    }

    /** Sending commands to the aggregate type named by the path parameter. */
    static Permission write(String parameter) {
        return new Permission((scopes, ctx) -> {
            String type = ctx.pathParam(parameter);
            return scopes.canWrite(type) ? Optional.empty()
                    : Optional.of("commands to " + type + " need scope write or write:" + type);
        });
    }

    static Permission metrics() {
        return new Permission((scopes, ctx) -> scopes.canScrapeMetrics() ? Optional.empty()
                : Optional.of("metrics need scope metrics"));
    }

    boolean isOpen() {
        return refusal == null;
    }

    /** Why {@code scopes} do not allow this request, or empty when they do. */
    Optional<String> refusal(Scopes scopes, Context ctx) {
        return refusal.apply(scopes, ctx);
    }
}
