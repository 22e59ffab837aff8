package io.eventloom.http;

import java.time.Duration;
import java.util.Objects;

/** Where the HTTP API listens, the address other instances reach it at, and how long it waits for Kafka. */
public record HttpSettings(int port, String advertisedHost, Duration commandTimeout, Duration readWait) {

    /** Larger command bodies are refused with 413: no payload of the shop comes near it. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    public HttpSettings {
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(readWait, "readWait");
    }

    /** The {@code application.server} Kafka Streams advertises for interactive queries: host and port. */
    public String applicationServer() {
        return advertisedHost + ":" + port;
    }
}
