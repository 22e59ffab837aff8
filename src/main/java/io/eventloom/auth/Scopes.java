package io.eventloom.auth;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a caller may do, as scopes: {@code read} (every aggregate and projection), {@code read:<name>} (one aggregate
 * type or projection), {@code write} (commands to every aggregate type), {@code write:<type>} (to one),
 * {@code read:pii} (personal data unmasked), {@code metrics} ({@code GET /metrics}) and {@code admin} (all of these,
 * and every schema registry mutation).
 */
public final class Scopes {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";
    public static final String METRICS = "metrics";
    public static final String READ_PII = "read:pii";

    /** What may follow {@code read:} or {@code write:}: an aggregate type or projection name. */
    private static final Pattern NAMED = Pattern.compile("(read|write):[a-z0-9][a-z0-9._-]*");
    private static final Scopes NONE = new Scopes(Set.of());

    private final Set<String> granted;

    private Scopes(Set<String> granted) {
        this.granted = granted;
    }

    /** The scopes among {@code values} this API knows; others (an identity provider's {@code openid}) grant nothing. */
    public static Scopes of(Collection<String> values) {
        Set<String> known = new TreeSet<>();
        values.stream().filter(Scopes::isKnown).forEach(known::add);
        return known.isEmpty() ? NONE : new Scopes(Set.copyOf(known));
    }

    public static Scopes of(String... values) {
        return of(List.of(values));
    }

    public static Scopes none() {
        return NONE;
    }

    /** Whether {@code value} is a scope of this API, for refusing typos where scopes are written down. */
    public static boolean isKnown(String value) {
        return value.equals(READ) || value.equals(WRITE) || value.equals(ADMIN) || value.equals(METRICS)
                || NAMED.matcher(value).matches();
    }

    /** Why {@code value} is not a scope, or empty when it is one. */
    public static Optional<String> problem(String value) {
        return isKnown(value) ? Optional.empty() : Optional.of("'" + value + "' is not a scope: use read, write,"
                + " admin, metrics, read:pii, read:<aggregate type or projection> or write:<aggregate type>");
    }

    /** May read the state and events of this aggregate type, or the rows of this projection. */
    public boolean canRead(String name) {
        return isAdmin() || granted.contains(READ) || granted.contains(READ + ":" + name);
    }

    /** May send commands to this aggregate type. */
    public boolean canWrite(String aggregateType) {
        return isAdmin() || granted.contains(WRITE) || granted.contains(WRITE + ":" + aggregateType);
    }

    /** May see personal data unmasked; without it, fields the schemas mark as personal are masked. */
    public boolean canReadPii() {
        return isAdmin() || granted.contains(READ_PII);
    }

    public boolean canScrapeMetrics() {
        return isAdmin() || granted.contains(METRICS);
    }

    public boolean isAdmin() {
        return granted.contains(ADMIN);
    }

    public Set<String> names() {
        return granted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scopes scopes && scopes.granted.equals(granted);
    }

    @Override
    public int hashCode() {
        return granted.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", granted);
    }
}
