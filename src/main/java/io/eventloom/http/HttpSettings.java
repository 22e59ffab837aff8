package io.eventloom.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP API listens (an address, or every interface when empty, and a port), the address other instances
 * reach it at, how long it waits for Kafka, the largest
 * command body it reads (larger ones are refused with 413), the web origins whose pages may call it (none by
 * default: browsers then refuse every cross-origin call that could write), and the most threads its server runs.
 */
public record HttpSettings(Optional<String> bindAddress, int port, String advertisedHost, Duration commandTimeout,
                           Duration readWait, long maxBodyBytes, List<String> corsOrigins, int threads) {

    /** The default body limit: no payload of the shop comes near it. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** The fewest threads Jetty starts with one acceptor, one selector and the threads it reserves. */
    public static final int MIN_THREADS = 8;

    public HttpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(readWait, "readWait");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (threads < MIN_THREADS) {
            throw new IllegalArgumentException("threads must be at least " + MIN_THREADS + ", was " + threads);
        }
    }

    /**
     * Settings on every interface with the default body limit, {@value #DEFAULT_MAX_BODY_BYTES} bytes, and the
     * default number of threads.
     */
    public HttpSettings(int port, String advertisedHost, Duration commandTimeout, Duration readWait) {
        this(Optional.empty(), port, advertisedHost, commandTimeout, readWait, DEFAULT_MAX_BODY_BYTES, List.of(),
                defaultThreads());
    }

    /**
     * Eight per core, at least 16. No request holds a thread while it waits (for a command's result, a version, a
     * forwarded read), so threads only bound work being done: more of them than the cores can run only switch
     * between each other (200, Jetty's default, answered 20% fewer commands at 1,000 in flight on 2 cores).
     */
    public static int defaultThreads() {
        return Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
    }

    /** The same settings with another body limit (say, one derived from the log's largest record). */
    public HttpSettings withMaxBodyBytes(long value) {
        return new HttpSettings(bindAddress, port, advertisedHost, commandTimeout, readWait, value, corsOrigins,
                threads);
    }

    /** The same settings with the origins (such as {@code https://shop.example.com}) allowed cross-origin calls. */
    public HttpSettings withCorsOrigins(List<String> value) {
        return new HttpSettings(bindAddress, port, advertisedHost, commandTimeout, readWait, maxBodyBytes, value,
                threads);
    }

    /** The same settings listening on one address only ({@code 127.0.0.1}: this machine alone). */
    public HttpSettings withBindAddress(String value) {
        return new HttpSettings(Optional.of(value), port, advertisedHost, commandTimeout, readWait, maxBodyBytes,
                corsOrigins, threads);
    }

    /** The same settings with at most {@code value} server threads. */
    public HttpSettings withThreads(int value) {
        return new HttpSettings(bindAddress, port, advertisedHost, commandTimeout, readWait, maxBodyBytes,
                corsOrigins, value);
    }

    /** The {@code application.server} Kafka Streams advertises for interactive queries: host and port. */
    public String applicationServer() {
        return advertisedHost + ":" + port;
    }
}
