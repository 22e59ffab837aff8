package io.eventloom.auth;

import java.util.List;
import java.util.Optional;

/** Several token sources asked in order; the first that knows a token decides who it stands for. */
public final class Authenticators implements Authenticator {

    private final List<Authenticator> sources;

    private Authenticators(List<Authenticator> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Local sources first: a key known here never waits on an identity provider that is down. */
    public static Authenticator firstOf(List<Authenticator> sources) {
        return sources.size() == 1 ? sources.get(0) : new Authenticators(sources);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        for (Authenticator source : sources) {
            Optional<Principal> principal = source.authenticate(token);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }
}
