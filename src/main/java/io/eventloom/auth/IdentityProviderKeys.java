package io.eventloom.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An identity provider's signing keys, fetched from its JWKS URL by Nimbus's key source: cached, fetched again for
 * a key id it lacks (at most twice in a tenth of the cache's life, so forged key ids cannot flood the provider),
 * refreshed in the background shortly before they expire, and kept through an outage of the provider for ten times
 * the cache's life.
 */
final class IdentityProviderKeys implements AutoCloseable {

    /** Nimbus's default; its refresh-ahead time and rate limit (a tenth of this, 30 s) are its defaults too. */
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    /** For connecting and for each read, so a request never waits long on a provider that is down. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final ExecutorService refreshes;
    private final JWKSource<SecurityContext> source;

    IdentityProviderKeys(URI jwksUrl, Duration timeToLive, Duration httpTimeout) {
        int timeout = Math.toIntExact(httpTimeout.toMillis());
        long ttl = timeToLive.toMillis();
        // Our own executor, for a daemon thread: Nimbus's default one would keep the JVM from exiting.
        this.refreshes = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jwks-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.source = JWKSourceBuilder.<SecurityContext>create(url(jwksUrl),
                        new DefaultResourceRetriever(timeout, timeout, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                // Requests waiting on another's fetch give up when that fetch should have timed out.
                .cache(ttl, 2L * timeout)
                .refreshAheadCache(ttl / 10, null, refreshes, false, null, false)
                .rateLimited(ttl / 10)
                .outageTolerant(true)
                .build();
    }

    JWKSource<SecurityContext> source() {
        return source;
    }

    /** Whether a key set is at hand: cached and fresh, kept through an outage, or fetched now if allowed. */
    boolean present() {
        try {
            return !source.get(new JWKSelector(new JWKMatcher.Builder().build()), null).isEmpty();
        } catch (KeySourceException e) {
            return false;
        }
    }

    @Override
    public void close() {
        refreshes.shutdownNow();
    }

    private static URL url(URI jwksUrl) {
        try {
            return jwksUrl.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS URL " + jwksUrl + " is not a URL", e);
        }
    }
}
