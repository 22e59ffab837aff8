package io.eventloom.http;

import io.eventloom.auth.AuthUnavailableException;
import io.eventloom.auth.Authenticator;
import io.eventloom.auth.BearerAuthentication;
import io.eventloom.auth.Principal;
import io.eventloom.auth.Scopes;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Tells who calls a route and whether they may: a bearer token (401 without a valid one, 403 without the scope,
 * 503 while the identity provider cannot be reached), or an instance's forwarding proof (403 when it does not hold).
 */
final class AccessGuard {

    private static final Logger log = LoggerFactory.getLogger(AccessGuard.class);
    private static final String PRINCIPAL = "eventloom.principal";
    /** The caller when tokens are off: the gateway in front answers for who may do what. */
    private static final Principal UNCHECKED = new Principal("unauthenticated", Scopes.of(Scopes.ADMIN));
    private static final Principal INSTANCE = new Principal("instance", Scopes.of(Scopes.READ));
    private static final Principal INSTANCE_WITH_PII = new Principal("instance",
            Scopes.of(Scopes.READ, Scopes.READ_PII));

    private final Optional<Authenticator> tokens;
    private final ForwardingProof proof;

    AccessGuard(HttpSecurity security) {
        this.tokens = security.tokens();
        this.proof = security.forwardingProof();
    }

    /** The handler, run only for a caller the permission allows. */
    Handler protect(Permission permission, Handler handler) {
        if (permission.isOpen()) {
            return handler;
        }
        return ctx -> {
            Principal caller = caller(ctx);
            Optional<String> refusal = permission.refusal(caller.scopes(), ctx);
            if (refusal.isPresent()) {
                throw new ApiError(403, "forbidden", refusal.get() + "; " + caller.name() + " has "
                        + (caller.scopes().names().isEmpty() ? "no scopes" : "scopes " + caller.scopes()), Map.of());
            }
            ctx.attribute(PRINCIPAL, caller);
            handler.handle(ctx);
        };
    }

    /** Whether personal data may be shown to the caller of a protected route. */
    static PersonalData personalData(Context ctx) {
        Principal caller = ctx.attribute(PRINCIPAL);
        if (caller == null) {
            throw new IllegalStateException("no caller recorded: the route " + ctx.path() + " is not protected");
        }
        return caller.scopes().canReadPii() ? PersonalData.SHOWN : PersonalData.MASKED;
    }

    private Principal caller(Context ctx) {
        String forwarded = ctx.header(InstanceRouter.FORWARDED_HEADER);
        if (forwarded != null) {
            return instance(ctx, forwarded);
        }
        if (tokens.isEmpty()) {
            return UNCHECKED;
        }
        try {
            return BearerAuthentication.authenticate(tokens.get(), ctx.header("Authorization"));
        } catch (BearerAuthentication.RefusedException e) {
            ctx.header("WWW-Authenticate", e.challenge());
            throw new ApiError(401, e.code(), e.getMessage(), Map.of());
        } catch (AuthUnavailableException e) {
            log.warn("Cannot check a bearer token on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "1");
            throw new ApiError(503, "auth_unavailable", "bearer tokens cannot be checked now (the identity"
                    + " provider's keys cannot be fetched); retry later", Map.of());
        }
    }

    private Principal instance(Context ctx, String forwarded) {
        PersonalData personal = InstanceRouter.claimedPersonalData(ctx);
        if (!proof.verifies(forwarded, InstanceRouter.pathAndQuery(ctx), personal)) {
            throw new ApiError(403, "forbidden", InstanceRouter.FORWARDED_HEADER + " is set only by instances of"
                    + " this application, with proof it does not hold here", Map.of());
        }
        return personal == PersonalData.SHOWN ? INSTANCE_WITH_PII : INSTANCE;
    }
}
