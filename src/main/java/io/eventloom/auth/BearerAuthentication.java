package io.eventloom.auth;

/** Who an HTTP {@code Authorization} header stands for: the one reading of it both HTTP servers share. */
public final class BearerAuthentication {

    private static final String SCHEME = "Bearer ";

    private BearerAuthentication() {
    }

    /**
     * The caller the header's bearer token stands for.
     *
     * @param authorization the header's value; null when the request has none
     * @throws RefusedException when there is no token, it is not a bearer token, or no one knows it
     * @throws AuthUnavailableException when what vouches for tokens cannot be reached now
     */
    public static Principal authenticate(Authenticator tokens, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new RefusedException("missing_token", "this needs a bearer token: Authorization: Bearer <token>",
                    "Bearer realm=\"eventloom\"");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new RefusedException("invalid_token", "only bearer tokens are accepted: Authorization: Bearer"
                    + " <token>", "Bearer realm=\"eventloom\"");
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return tokens.authenticate(token).orElseThrow(() -> new RefusedException("invalid_token",
                "the bearer token is not valid (unknown, revoked or expired)",
                "Bearer realm=\"eventloom\", error=\"invalid_token\""));
    }

    /** A request refused for want of a valid token: answered 401 with {@link #challenge()} as WWW-Authenticate. */
    public static final class RefusedException extends RuntimeException {

        private final String code;
        private final String challenge;

        RefusedException(String code, String message, String challenge) {
            super(message);
            this.code = code;
            this.challenge = challenge;
        }

        /** {@code missing_token} or {@code invalid_token}. */
        public String code() {
            return code;
        }

        /** The {@code WWW-Authenticate} value (RFC 6750). */
        public String challenge() {
            return challenge;
        }
    }
}
