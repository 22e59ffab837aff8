package io.eventloom.app;

import io.eventloom.auth.AdminToken;
import io.eventloom.auth.ApiKeyFile;
import io.eventloom.auth.ApiKeys;
import io.eventloom.auth.Authenticator;
import io.eventloom.auth.Authenticators;
import io.eventloom.auth.JwtAuthenticator;
import io.eventloom.auth.JwtSettings;
import io.eventloom.auth.Scopes;
import io.eventloom.http.HttpSecurity;
import io.eventloom.registry.RegistryAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may call this instance's HTTP API and embedded schema registry, as configured: the token sources (an API key
 * file, an identity provider's JWTs, or else an admin key made at the first start), the secret instances prove
 * forwarded reads with, and the key this instance uses for its own registry.
 */
final class AccessSetup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String INTERNAL_PRINCIPAL = "eventloom-instance";

    private final Optional<Authenticator> tokens;
    private final byte[] forwardingSecret;
    private final Optional<String> internalKey;
    private final Optional<String> adminToken;
    private final boolean registryReadsNeedToken;
    private final Optional<JwtAuthenticator> jwt;

    private AccessSetup(Optional<Authenticator> tokens, byte[] forwardingSecret, Optional<String> internalKey,
                        Optional<String> adminToken, boolean registryReadsNeedToken, Optional<JwtAuthenticator> jwt) {
        this.tokens = tokens;
        this.forwardingSecret = forwardingSecret;
        this.internalKey = internalKey;
        this.adminToken = adminToken;
        this.registryReadsNeedToken = registryReadsNeedToken;
        this.jwt = jwt;
    }

    /**
     * Reads the access settings, making the admin key when none are configured.
     *
     * @throws ConfigException for a half-configured identity provider or an unreadable key file
     */
    static AccessSetup of(EventloomConfig config) {
        byte[] forwardingSecret = forwardingSecret(config);
        boolean registryReadsNeedToken = config.require(EventloomConfig.SCHEMA_REGISTRY_READS).equals("token");
        if (config.require(EventloomConfig.HTTP_AUTH).equals("none")) {
            log.warn("{}=none: the HTTP API and the embedded schema registry ask no one for a token, and every caller"
                    + " may do everything; run it so only behind something that authenticates",
                    EventloomConfig.HTTP_AUTH);
            return new AccessSetup(Optional.empty(), forwardingSecret, Optional.empty(), Optional.empty(), false,
                    Optional.empty());
        }
        List<Authenticator> sources = new ArrayList<>();
        // This instance's own key, for the schemas it registers in its embedded registry; never written anywhere.
        String internalKey = ApiKeys.newKey();
        sources.add(new ApiKeys(List.of(new ApiKeys.Entry(INTERNAL_PRINCIPAL, ApiKeys.hash(internalKey),
                Scopes.of(Scopes.ADMIN)))));
        Optional<String> keysFile = config.get(EventloomConfig.HTTP_AUTH_API_KEYS_FILE);
        keysFile.ifPresent(file -> sources.add(keyFile(Path.of(file))));
        Optional<JwtAuthenticator> jwt = jwtSettings(config).map(settings -> {
            log.info("JWTs from issuer {} accepted as bearer tokens (keys from {})", settings.issuer(),
                    settings.jwksUrl());
            return new JwtAuthenticator(settings);
        });
        jwt.ifPresent(sources::add);
        Optional<String> adminToken = Optional.empty();
        if (keysFile.isEmpty() && jwt.isEmpty()) {
            Path file = config.path(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE);
            AdminToken.Kept kept = AdminToken.keep(file);
            sources.add(new ApiKeys(List.of(new ApiKeys.Entry("admin", ApiKeys.hash(kept.token()),
                    Scopes.of(Scopes.ADMIN)))));
            adminToken = Optional.of(kept.token());
            announce(kept, file);
        }
        return new AccessSetup(Optional.of(Authenticators.firstOf(sources)), forwardingSecret,
                Optional.of(internalKey), adminToken, registryReadsNeedToken, jwt);
    }

    /** Where the HTTP servers listen: as set, else this machine only on the embedded default, else everywhere. */
    static Optional<String> bindAddress(EventloomConfig config) {
        Optional<String> configured = config.get(EventloomConfig.HTTP_BIND_ADDRESS);
        if (configured.isPresent()) {
            return configured;
        }
        return config.get(EventloomConfig.BOOTSTRAP_SERVERS).isEmpty() ? Optional.of(LOOPBACK) : Optional.empty();
    }

    HttpSecurity http() {
        return tokens.map(authenticator -> HttpSecurity.tokens(authenticator, forwardingSecret))
                .orElseGet(() -> HttpSecurity.none(forwardingSecret));
    }

    RegistryAccess registry() {
        return tokens.map(authenticator -> RegistryAccess.tokens(authenticator, registryReadsNeedToken))
                .orElseGet(RegistryAccess::unauthenticated);
    }

    /** The {@code Authorization} this instance sends to its own embedded registry. */
    Optional<String> embeddedRegistryAuthorization() {
        return internalKey.map(key -> "Bearer " + key);
    }

    /** The admin key kept for a system without configured keys; empty when keys or JWTs are configured. */
    Optional<String> adminToken() {
        return adminToken;
    }

    /** Stops fetching the identity provider's keys. */
    @Override
    public void close() {
        jwt.ifPresent(JwtAuthenticator::close);
    }

    private static Authenticator keyFile(Path file) {
        try {
            return ApiKeyFile.read(file, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EventloomConfig.HTTP_AUTH_API_KEYS_FILE + ": " + e.getMessage());
        }
    }

    private static Optional<JwtSettings> jwtSettings(EventloomConfig config) {
        Optional<String> jwks = config.get(EventloomConfig.HTTP_AUTH_JWT_JWKS_URL);
        Optional<String> issuer = config.get(EventloomConfig.HTTP_AUTH_JWT_ISSUER);
        if (jwks.isPresent() != issuer.isPresent()) {
            throw new ConfigException("JWTs need both " + EventloomConfig.HTTP_AUTH_JWT_JWKS_URL + " and "
                    + EventloomConfig.HTTP_AUTH_JWT_ISSUER + "; only " + (jwks.isPresent()
                    ? EventloomConfig.HTTP_AUTH_JWT_JWKS_URL : EventloomConfig.HTTP_AUTH_JWT_ISSUER) + " is set");
        }
        if (jwks.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JwtSettings(URI.create(jwks.get()), issuer.get(),
                    config.get(EventloomConfig.HTTP_AUTH_JWT_AUDIENCE),
                    config.require(EventloomConfig.HTTP_AUTH_JWT_SCOPE_CLAIM)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JWT settings (" + EventloomConfig.HTTP_AUTH_JWT_JWKS_URL + ", "
                    + EventloomConfig.HTTP_AUTH_JWT_ISSUER + "): " + e.getMessage());
        }
    }

    private static byte[] forwardingSecret(EventloomConfig config) {
        Optional<String> configured = config.get(EventloomConfig.HTTP_FORWARDING_SECRET);
        if (configured.isPresent()) {
            byte[] secret = configured.get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 16) {
                throw new ConfigException(EventloomConfig.HTTP_FORWARDING_SECRET + " must have at least 16 bytes");
            }
            return secret;
        }
        log.info("No {} set: forwarded reads are accepted from this process only; set it to the same value on every"
                + " instance of the application to run more than one", EventloomConfig.HTTP_FORWARDING_SECRET);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    // Shown once, when made: after that only the file is named, so the key does not reach every log of every start.
    private static void announce(AdminToken.Kept kept, Path file) {
        if (kept.created()) {
            log.info("Made the admin API key of this system, shown once:\n\n    {}\n\nIt is kept in {} (readable by"
                    + " its owner only). Send it as 'Authorization: Bearer <key>'; make keys with fewer rights with"
                    + " 'eventloom token' and {}.", kept.token(), file.toAbsolutePath(),
                    EventloomConfig.HTTP_AUTH_API_KEYS_FILE);
        } else {
            log.info("No API keys or JWTs configured: the admin API key kept in {} is in force",
                    file.toAbsolutePath());
        }
    }
}
