package io.eventloom.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** JWTs checked against a JWKS served over real HTTP: whom they name, what is refused, and how an outage shows. */
class JwtAuthenticatorTest {

    private static final String ISSUER = "https://idp.example/realms/eventloom";
    private static final String AUDIENCE = "eventloom-api";
    private static final RSAKey RSA = rsa("rsa-1");
    private static final RSAKey ROTATED = rsa("rsa-2");
    /** Another key pair under the published key's id, as a forger would sign. */
    private static final RSAKey FORGER = rsa("rsa-1");
    private static final ECKey EC = ec("ec-1");
    /** Short enough for a test to outlive the cache; the timeout short enough to wait for. */
    private static final Duration SHORT_TTL = Duration.ofMillis(500);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private JwksServer jwks;
    private JwtAuthenticator authenticator;

    @BeforeEach
    void start() {
        jwks = open(JwksServer.serving(RSA, EC));
        authenticator = open(new JwtAuthenticator(settings()));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void givenScopeString_whenAuthenticated_thenPrincipalIsTheSubjectWithItsScopes() throws Exception {
        Optional<Principal> principal = authenticator.authenticate(signed(RSA, claims().build()));

        assertThat(principal).contains(new Principal("alice", Scopes.of("read", "write:orders")));
    }

    @Test
    void givenScpArrayClaimConfigured_whenAuthenticated_thenScopesComeFromTheArray() throws Exception {
        JwtAuthenticator scp = open(new JwtAuthenticator(settings().withScopeClaim("scp")));

        Optional<Principal> principal = scp.authenticate(signed(RSA, claims().claim("scope", null)
                .claim("scp", List.of("read:orders", "metrics")).build()));

        assertThat(principal).contains(new Principal("alice", Scopes.of("read:orders", "metrics")));
    }

    @Test
    void givenOnlyScopesThisApiDoesNotKnow_whenAuthenticated_thenThePrincipalMayDoNothing() throws Exception {
        Optional<Principal> principal = authenticator.authenticate(signed(RSA, claims()
                .claim("scope", "openid profile email").build()));

        assertThat(principal).contains(new Principal("alice", Scopes.none()));
    }

    @Test
    void givenNoSubject_whenAuthenticated_thenNamedByItsClientElseJwt() throws Exception {
        String ofClient = signed(RSA, claims().subject(null).claim("client_id", "billing").build());
        String ofNoOne = signed(RSA, claims().subject(null).build());

        assertThat(authenticator.authenticate(ofClient)).map(Principal::name).contains("billing");
        assertThat(authenticator.authenticate(ofNoOne)).map(Principal::name).contains("jwt");
    }

    @Test
    void givenTokenSignedWithEcKey_whenAuthenticated_thenAccepted() throws Exception {
        String token = signed(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.getKeyID()).build(), EC,
                claims().build());

        assertThat(authenticator.authenticate(token)).map(Principal::name).contains("alice");
    }

    @Test
    void givenAccessTokenTypeOfRfc9068_whenAuthenticated_thenAccepted() throws Exception {
        String token = signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), RSA, claims().build());

        assertThat(authenticator.authenticate(token)).map(Principal::name).contains("alice");
    }

    @Test
    void givenIssuerClockThirtySecondsAhead_whenAuthenticated_thenAccepted() throws Exception {
        Instant ahead = Instant.now().plusSeconds(30);
        String token = signed(RSA, claims().issueTime(Date.from(ahead)).notBeforeTime(Date.from(ahead)).build());

        assertThat(authenticator.authenticate(token)).map(Principal::name).contains("alice");
    }

    /** A change to otherwise good claims that must get the token refused. */
    record Flaw(String name, UnaryOperator<JWTClaimsSet.Builder> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Flaw> flaws() {
        Instant now = Instant.now();
        return Stream.of(
                new Flaw("expired five minutes ago", c -> c.expirationTime(Date.from(now.minusSeconds(300)))),
                new Flaw("valid only from five minutes on", c -> c.notBeforeTime(Date.from(now.plusSeconds(300)))),
                new Flaw("without expiry", c -> c.expirationTime(null)),
                new Flaw("from another issuer", c -> c.issuer("https://idp.example/realms/other")),
                new Flaw("for another audience", c -> c.audience("another-api")),
                new Flaw("for no audience", c -> c.audience((String) null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flaws")
    void givenFlawedClaims_whenAuthenticated_thenEmpty(Flaw flaw) throws Exception {
        String token = signed(RSA, flaw.change().apply(claims()).build());

        assertThat(authenticator.authenticate(token)).isEmpty();
        assertThat(authenticator.authenticate(signed(RSA, claims().build()))).isPresent();
    }

    @Test
    void givenSignatureByAnotherKeyUnderThePublishedKeyId_whenAuthenticated_thenEmpty() throws Exception {
        assertThat(authenticator.authenticate(signed(FORGER, claims().build()))).isEmpty();
    }

    @Test
    void givenUnsecuredTokenOfAlgNone_whenAuthenticated_thenEmpty() {
        String token = new PlainJWT(claims().build()).serialize();

        assertThat(authenticator.authenticate(token)).isEmpty();
        assertThat(jwks.requests()).as("refused before any key is looked up").isZero();
    }

    @Test
    void givenHs256SignedWithThePublishedPublicKeyAsSecret_whenAuthenticated_thenEmpty() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));

        assertThat(authenticator.authenticate(jwt.serialize())).isEmpty();
        assertThat(jwks.requests()).as("refused by its algorithm before any key is looked up").isZero();
    }

    @Test
    void givenKeyRotatedIntoTheJwks_whenTokenWithTheNewKeyIdArrives_thenAcceptedAfterOneFetch() throws Exception {
        assertThat(authenticator.authenticate(signed(RSA, claims().build()))).isPresent();
        jwks.publish(RSA, ROTATED, EC);

        assertThat(authenticator.authenticate(signed(ROTATED, claims().build()))).isPresent();
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void givenManyForgedKeyIds_whenAuthenticated_thenEmptyAndTheJwksIsNotFlooded() throws Exception {
        for (int i = 0; i < 5; i++) {
            String token = signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged-" + i).build(), FORGER,
                    claims().build());

            assertThat(authenticator.authenticate(token)).isEmpty();
        }

        assertThat(jwks.requests()).isEqualTo(2);
        assertThat(authenticator.authenticate(signed(RSA, claims().build()))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"elk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage", "", "two.parts",
            "not.base64.json", "five.parts.of.a.jwe", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln ", "a..c"})
    void givenTokenNotShapedLikeAJws_whenAuthenticated_thenEmptyWithoutAskingTheJwks(String token) {
        assertThat(authenticator.authenticate(token)).isEmpty();
        assertThat(jwks.requests()).isZero();
    }

    @Test
    void givenJwksServerStoppedBeforeFirstUse_whenAuthenticated_thenUnavailableEveryTime() throws Exception {
        jwks.close();
        String token = signed(RSA, claims().build());

        assertThatThrownBy(() -> authenticator.authenticate(token))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining(jwks.uri().toString())
                .hasCauseInstanceOf(JWKSetRetrievalException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticator.authenticate(token))
                    .isInstanceOf(AuthUnavailableException.class)
                    .hasMessageContaining(jwks.uri().toString());
        }
    }

    @Test
    void givenJwksAnswering503_whenAuthenticated_thenUnavailableAndTheJwksAskedNoMoreThanTheRateLimitAllows()
            throws Exception {
        jwks.failWith(503);
        String token = signed(RSA, claims().build());

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authenticator.authenticate(token)).isInstanceOf(AuthUnavailableException.class)
                    .hasMessageContaining(jwks.uri().toString());
        }
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void givenJwksThatNeverAnswers_whenAuthenticated_thenUnavailableWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks");
            JwtAuthenticator waiting = open(new JwtAuthenticator(settings(url), SHORT_TTL, SHORT_TIMEOUT));
            String token = signed(RSA, claims().build());

            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(
                    () -> waiting.authenticate(token)).isInstanceOf(AuthUnavailableException.class)
                    .hasCauseInstanceOf(JWKSetRetrievalException.class));
        }
    }

    @Test
    void givenKeysCachedAndJwksStopped_whenTheCacheLapses_thenCachedKeysStillVerify() throws Exception {
        JwtAuthenticator shortLived = open(new JwtAuthenticator(settings(), SHORT_TTL, SHORT_TIMEOUT));
        String token = signed(RSA, claims().build());
        assertThat(shortLived.authenticate(token)).isPresent();

        jwks.close();

        // Throughout three lives of the cache, each ending in a failed fetch, the kept keys keep verifying.
        await().during(SHORT_TTL.multipliedBy(3)).atMost(SHORT_TTL.multipliedBy(6))
                .until(() -> shortLived.authenticate(token).isPresent());
    }

    private JwtSettings settings() {
        return settings(jwks.uri());
    }

    private static JwtSettings settings(URI jwksUrl) {
        return JwtSettings.of(jwksUrl, ISSUER).withAudience(AUDIENCE);
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(0, closeable);
        return closeable;
    }

    /** Good claims: of this issuer, for this audience, valid for ten minutes. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("scope", "read write:orders openid");
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), key, claims);
    }

    private static String signed(JWSHeader header, JWK key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, header.getAlgorithm()));
        return jwt.serialize();
    }

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
