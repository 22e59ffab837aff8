package io.eventloom.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How every Kafka client Eventloom makes connects: the bootstrap servers plus pass-through client settings
 * (security, SASL, TLS, {@code client.id}, tuning), each client getting only the names its own config defines.
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> passThrough) {

    /** Config providers are named by the user ({@code config.providers.<name>.class}), so no config lists them. */
    private static final String CONFIG_PROVIDERS_PREFIX = AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".";

    public KafkaClientSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        passThrough = Map.copyOf(passThrough);
    }

    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Map.of());
    }

    /** Whether some client Eventloom makes (producer, consumer, admin or Kafka Streams) knows this setting. */
    public static boolean isClientSetting(String name) {
        return ProducerConfig.configNames().contains(name) || ConsumerConfig.configNames().contains(name)
                || AdminClientConfig.configNames().contains(name) || StreamsConfig.configDef().names().contains(name)
                || name.startsWith(CONFIG_PROVIDERS_PREFIX);
    }

    /**
     * A producer's config: the pass-through settings producers know, then {@code own} (Eventloom's, which win).
     * {@code role} tells this client apart when a {@code client.id} is passed through: it becomes
     * {@code <client.id>-<role>}.
     */
    public Map<String, Object> producer(String role, Map<String, Object> own) {
        return client(ProducerConfig.configNames(), role, own);
    }

    /** A consumer's config, as {@link #producer(String, Map)} does it for producers. */
    public Map<String, Object> consumer(String role, Map<String, Object> own) {
        return client(ConsumerConfig.configNames(), role, own);
    }

    /** An admin client's config, as {@link #producer(String, Map)} does it for producers. */
    public Map<String, Object> admin(String role, Map<String, Object> own) {
        return client(AdminClientConfig.configNames(), role, own);
    }

    /**
     * Kafka Streams' config: every pass-through setting (Kafka Streams hands client settings on to its own producers,
     * consumers and admin) and the bootstrap servers; a {@code client.id} is Kafka Streams' prefix for its clients'.
     */
    public Map<String, String> streams() {
        Map<String, String> config = new TreeMap<>(passThrough);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    private Map<String, Object> client(Set<String> known, String role, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>();
        passThrough.forEach((name, value) -> {
            if (known.contains(name) || name.startsWith(CONFIG_PROVIDERS_PREFIX)) {
                config.put(name, value);
            }
        });
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // One client.id for several clients would make their metrics (and MBeans) collide; the role keeps them apart.
        String clientId = passThrough.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (clientId != null) {
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + role);
        }
        config.putAll(own);
        return config;
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers + " with " + passThrough.keySet();
    }
}
