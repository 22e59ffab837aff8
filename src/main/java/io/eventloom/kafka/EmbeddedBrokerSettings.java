package io.eventloom.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where and how the embedded broker runs: its data directory, host, client port and extra broker properties. */
public record EmbeddedBrokerSettings(Path dataDir, String host, int port, Map<String, String> brokerOverrides) {

    public static final int DEFAULT_PORT = 9092;

    public EmbeddedBrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, was " + port);
        }
        brokerOverrides = Map.copyOf(brokerOverrides);
    }

    public static EmbeddedBrokerSettings of(Path dataDir, int port) {
        return new EmbeddedBrokerSettings(dataDir, "localhost", port, Map.of());
    }
}
