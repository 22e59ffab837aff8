package io.eventloom.auth;

import java.util.Objects;

/** Who made a request (an API key's name or a token's subject) and what they may do. */
public record Principal(String name, Scopes scopes) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopes, "scopes");
    }
}
