package io.eventloom.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP API listens (an address, or every interface when empty, and a port), the address other instances
 * reach it at, how long it waits for Kafka, the largest
 * command body it reads (larger ones are refused with 413), and the web origins whose pages may call it (none by
 * default: browsers then refuse every cross-origin call that could write).
 */
public record HttpSettings(Optional<String> bindAddress, int port, String advertisedHost, Duration commandTimeout,
                           Duration readWait, long maxBodyBytes, List<String> corsOrigins) {

    /** The default body limit: no payload of the shop comes near it. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HttpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(readWait, "readWait");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Settings on every interface with the default body limit, {@value #DEFAULT_MAX_BODY_BYTES} bytes. */
    public HttpSettings(int port, String advertisedHost, Duration commandTimeout, Duration readWait) {
        this(Optional.empty(), port, advertisedHost, commandTimeout, readWait, DEFAULT_MAX_BODY_BYTES, List.of());
    }

    /** The same settings with another body limit (say, one derived from the log's largest record). */
    public HttpSettings withMaxBodyBytes(long value) {
        return new HttpSettings(bindAddress, port, advertisedHost, commandTimeout, readWait, value, corsOrigins);
    }

    /** The same settings with the origins (such as {@code https://shop.example.com}) allowed cross-origin calls. */
    public HttpSettings withCorsOrigins(List<String> value) {
        return new HttpSettings(bindAddress, port, advertisedHost, commandTimeout, readWait, maxBodyBytes, value);
    }

    /** The same settings listening on one address only ({@code 127.0.0.1}: this machine alone). */
    public HttpSettings withBindAddress(String value) {
        return new HttpSettings(Optional.of(value), port, advertisedHost, commandTimeout, readWait, maxBodyBytes,
                corsOrigins);
    }

    /** The {@code application.server} Kafka Streams advertises for interactive queries: host and port. */
    public String applicationServer() {
        return advertisedHost + ":" + port;
    }
}
