package io.eventloom.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.nimbusds.jose.JWSAlgorithm.ES256;
import static com.nimbusds.jose.JWSAlgorithm.ES384;
import static com.nimbusds.jose.JWSAlgorithm.ES512;
import static com.nimbusds.jose.JWSAlgorithm.PS256;
import static com.nimbusds.jose.JWSAlgorithm.PS384;
import static com.nimbusds.jose.JWSAlgorithm.PS512;
import static com.nimbusds.jose.JWSAlgorithm.RS256;
import static com.nimbusds.jose.JWSAlgorithm.RS384;
import static com.nimbusds.jose.JWSAlgorithm.RS512;

/**
 * Bearer tokens that are JWTs signed by an identity provider, checked against the keys it publishes: the subject
 * is the principal, the scope claim its scopes. When those keys cannot be fetched and none are kept from before,
 * {@link AuthUnavailableException}: the token may well be good.
 */
public final class JwtAuthenticator implements Authenticator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** Three base64url parts; an unsecured JWT's third is empty, and the processor refuses it by name. */
    private static final Pattern JWS_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** Asymmetric only: under HMAC the published public key would be a secret anyone can sign with. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(RS256, RS384, RS512, PS256, PS384, PS512,
            ES256, ES384, ES512);
    /** RFC 9068's type for access tokens, which some providers set instead of {@code JWT}. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
    private static final String CLIENT_ID = "client_id";
    private static final String UNNAMED = "jwt";

    private final JwtSettings settings;
    private final IdentityProviderKeys keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Fetches the provider's keys at the first token, not before: a provider that is down does not stop a start. */
    public JwtAuthenticator(JwtSettings settings) {
        this(settings, IdentityProviderKeys.TIME_TO_LIVE, IdentityProviderKeys.HTTP_TIMEOUT);
    }

    JwtAuthenticator(JwtSettings settings, Duration keysTimeToLive, Duration httpTimeout) {
        this.settings = settings;
        this.keys = new IdentityProviderKeys(settings.jwksUrl(), keysTimeToLive, httpTimeout);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys.source()));
        // Nimbus's default clock skew (60 s) stays: a provider whose clock runs a little ahead is still believed.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.audience().map(Set::of).orElse(null),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of(JWTClaimNames.EXPIRATION_TIME),
                null));
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (!JWS_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(principal(processor.process(token, null)));
        } catch (RateLimitReachedException e) {
            // The cache lacked the token's key id and was fetched again moments ago: the key is unknown. Only when
            // no key set is at hand at all is this the provider's fault.
            if (keys.present()) {
                log.debug("JWT refused: its key id is not among the identity provider's keys");
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (KeySourceException e) {
            throw unavailable(e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.debug("JWT refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        keys.close();
    }

    private AuthUnavailableException unavailable(KeySourceException e) {
        String why = e instanceof RateLimitReachedException ? "no usable key set is at hand, and the rate limit on"
                + " fetching it allows no other fetch yet"
                : e.getMessage();
        return new AuthUnavailableException("the identity provider's keys cannot be fetched from "
                + settings.jwksUrl() + ": " + why, e);
    }

    private Principal principal(JWTClaimsSet claims) {
        return new Principal(name(claims), Scopes.of(scopes(claims.getClaim(settings.scopeClaim()))));
    }

    /** The subject; a token a client got for itself (client credentials) may name only the client. */
    private static String name(JWTClaimsSet claims) {
        return Stream.of(claims.getSubject(), claims.getClaim(CLIENT_ID))
                .filter(value -> value instanceof String text && !text.isBlank())
                .map(String.class::cast)
                .findFirst()
                .orElse(UNNAMED);
    }

    /** OAuth's {@code scope} is one space-separated string; {@code scp} and its like are arrays. */
    private static List<String> scopes(Object claim) {
        if (claim instanceof String words) {
            return Arrays.asList(words.trim().split("\\s+"));
        }
        if (claim instanceof List<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
