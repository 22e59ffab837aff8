package io.eventloom.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the embedded broker runs: its data directory, host, client port, extra broker properties, and the
 * users of a SASL/PLAIN client listener with ACLs enforced (none: a plain listener that trusts every client).
 */
public record EmbeddedBrokerSettings(Path dataDir, String host, int port, Map<String, String> brokerOverrides,
                                     Map<String, String> saslUsers) {

    public static final int DEFAULT_PORT = 9092;

    public EmbeddedBrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, was " + port);
        }
        brokerOverrides = Map.copyOf(brokerOverrides);
        saslUsers = Map.copyOf(saslUsers);
    }

    public EmbeddedBrokerSettings(Path dataDir, String host, int port, Map<String, String> brokerOverrides) {
        this(dataDir, host, port, brokerOverrides, Map.of());
    }

    /**
     * The same broker with its client port speaking SASL/PLAIN for these users (name to password) and Kafka's
     * {@code StandardAuthorizer} deciding by ACLs; the broker's own traffic stays on a plain internal listener.
     */
    public EmbeddedBrokerSettings withSaslUsers(Map<String, String> users) {
        return new EmbeddedBrokerSettings(dataDir, host, port, brokerOverrides, users);
    }

    public static EmbeddedBrokerSettings of(Path dataDir, int port) {
        return new EmbeddedBrokerSettings(dataDir, "localhost", port, Map.of());
    }
}
