package io.eventloom.auth;

/** What vouches for tokens (an identity provider's key set) cannot be reached now; the caller should retry. */
public final class AuthUnavailableException extends RuntimeException {

    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
