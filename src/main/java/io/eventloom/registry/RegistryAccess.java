package io.eventloom.registry;

import io.eventloom.auth.AuthUnavailableException;
import io.eventloom.auth.Authenticator;
import io.eventloom.auth.BearerAuthentication;
import io.eventloom.auth.Principal;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the registry: every mutation (register, delete, set a level) needs a bearer token with {@code admin};
 * reads (schemas, subjects, lookups, compatibility checks) are open or need any valid token, as configured.
 */
public final class RegistryAccess {

    private final Optional<Authenticator> tokens;
    private final boolean readsNeedToken;

    private RegistryAccess(Optional<Authenticator> tokens, boolean readsNeedToken) {
        this.tokens = tokens;
        this.readsNeedToken = readsNeedToken;
    }

    /** Tokens checked by {@code authenticator}; reads open unless {@code readsNeedToken}. */
    public static RegistryAccess tokens(Authenticator authenticator, boolean readsNeedToken) {
        return new RegistryAccess(Optional.of(Objects.requireNonNull(authenticator, "authenticator")),
                readsNeedToken);
    }

    /** No token asked for: only where something in front of the registry authenticates. */
    public static RegistryAccess unauthenticated() {
        return new RegistryAccess(Optional.empty(), false);
    }

    void checkRead(Context ctx) {
        if (readsNeedToken) {
            caller(ctx);
        }
    }

    void checkMutation(Context ctx) {
        caller(ctx).filter(caller -> !caller.scopes().isAdmin()).ifPresent(caller -> {
            throw new RegistryException(40301, 403, "User is denied operation " + ctx.method() + " on "
                    + ctx.path() + ": " + caller.name() + " lacks scope admin");
        });
    }

    private Optional<Principal> caller(Context ctx) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BearerAuthentication.authenticate(tokens.get(), ctx.header("Authorization")));
        } catch (BearerAuthentication.RefusedException e) {
            ctx.header("WWW-Authenticate", e.challenge());
            throw new RegistryException(401, 401, "Unauthorized: " + e.getMessage());
        } catch (AuthUnavailableException e) {
            ctx.header("Retry-After", "1");
            throw new RegistryException(50301, 503, "Bearer tokens cannot be checked now: " + e.getMessage());
        }
    }
}
