package io.eventloom.http;

import io.eventloom.auth.Authenticator;

import java.util.Objects;
import java.util.Optional;

/**
 * How the API tells who calls it (bearer tokens checked by an authenticator, or no check at all for an API behind a
 * gateway that does it) and the secret its instances prove forwarded reads with.
 */
public final class HttpSecurity {

    private final Optional<Authenticator> tokens;
    private final ForwardingProof forwardingProof;

    private HttpSecurity(Optional<Authenticator> tokens, byte[] forwardingSecret) {
        this.tokens = tokens;
        this.forwardingProof = new ForwardingProof(forwardingSecret);
    }

    /** Every route but health and the OpenAPI file needs a bearer token the authenticator knows. */
    public static HttpSecurity tokens(Authenticator authenticator, byte[] forwardingSecret) {
        return new HttpSecurity(Optional.of(Objects.requireNonNull(authenticator, "authenticator")),
                forwardingSecret);
    }

    /** No token is asked for and every caller may do everything: only behind something that authenticates. */
    public static HttpSecurity none(byte[] forwardingSecret) {
        return new HttpSecurity(Optional.empty(), forwardingSecret);
    }

    Optional<Authenticator> tokens() {
        return tokens;
    }

    ForwardingProof forwardingProof() {
        return forwardingProof;
    }
}
