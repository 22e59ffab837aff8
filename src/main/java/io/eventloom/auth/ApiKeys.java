package io.eventloom.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys known by their hashes: a key is {@code elk_} and 256 random bits, kept only as its SHA-256 (a key that
 * random needs no slow hash; a leaked hash cannot be turned back into the key).
 */
public final class ApiKeys implements Authenticator {

    /** What every key starts with, so a key in a log or a repository is recognisable and never taken for a JWT. */
    public static final String PREFIX = "elk_";
    public static final String HASH_PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as written down: its name, hash and scopes. */
    public record Entry(String name, String hash, Scopes scopes) {
    }

    private final Map<String, Principal> byHash;

    public ApiKeys(List<Entry> entries) {
        Map<String, Principal> keys = new HashMap<>();
        for (Entry entry : entries) {
            if (keys.put(entry.hash(), new Principal(entry.name(), entry.scopes())) != null) {
                throw new IllegalArgumentException("two keys have the hash of '" + entry.name() + "'");
            }
        }
        this.byHash = Map.copyOf(keys);
    }

    /** A new random key; print it once and keep only its {@link #hash}. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The form a key is kept in: {@code sha256:} and the hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code value} has the shape of a kept hash. */
    public static boolean isHash(String value) {
        return value.matches(HASH_PREFIX + "[0-9a-f]{64}");
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(hash(token)));
    }

    public int size() {
        return byHash.size();
    }
}
