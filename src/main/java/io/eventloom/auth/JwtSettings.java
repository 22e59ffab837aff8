package io.eventloom.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Where an identity provider publishes its signing keys, and what its tokens must say to be accepted here. */
public record JwtSettings(URI jwksUrl, String issuer, Optional<String> audience, String scopeClaim) {

    /** OAuth's claim: scopes as one space-separated string. */
    public static final String SCOPE_CLAIM = "scope";

    public JwtSettings {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopeClaim, "scopeClaim");
        if (!jwksUrl.isAbsolute() || jwksUrl.getHost() == null
                || !(jwksUrl.getScheme().equals("https") || jwksUrl.getScheme().equals("http"))) {
            throw new IllegalArgumentException("the JWKS URL must be an http(s) URL with a host, was '" + jwksUrl
                    + "'");
        }
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the issuer must not be blank: tokens are accepted only from it");
        }
        if (audience.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("the audience must not be blank; leave it out to accept any");
        }
        if (scopeClaim.isBlank()) {
            throw new IllegalArgumentException("the scope claim must not be blank");
        }
    }

    /** Tokens from {@code issuer} for any audience, their scopes in the {@code scope} claim. */
    public static JwtSettings of(URI jwksUrl, String issuer) {
        return new JwtSettings(jwksUrl, issuer, Optional.empty(), SCOPE_CLAIM);
    }

    /** Only tokens whose {@code aud} names {@code audience}. */
    public JwtSettings withAudience(String audience) {
        return new JwtSettings(jwksUrl, issuer, Optional.of(audience), scopeClaim);
    }

    /** Scopes read from {@code claim} instead, e.g. {@code scp}. */
    public JwtSettings withScopeClaim(String claim) {
        return new JwtSettings(jwksUrl, issuer, audience, claim);
    }
}
