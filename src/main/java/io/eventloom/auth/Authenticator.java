package io.eventloom.auth;

import java.util.Optional;

/** Tells who a bearer token stands for. */
public interface Authenticator {

    /**
     * The principal {@code token} stands for, or empty when it stands for no one (unknown, expired, forged).
     *
     * @throws AuthUnavailableException when what vouches for tokens cannot be reached now: a fault, not a refusal
     */
    Optional<Principal> authenticate(String token);

    /** Every token is refused: for a server on which no one may act. */
    static Authenticator nobody() {
        return token -> Optional.empty();
    }
}
