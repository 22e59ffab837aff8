package io.eventloom.app;

import io.eventloom.kafka.EmbeddedBrokerSettings;
import io.eventloom.kafka.EmbeddedKafkaBroker;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The running system: an embedded broker when none is configured, the topics, an embedded schema registry when
 * none is configured, and (later) the app's services.
 */
public final class EventloomApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final boolean autoRegisterSchemas;
    private final Deque<AutoCloseable> resources;

    private EventloomApp(String bootstrapServers, String schemaRegistryUrl, boolean autoRegisterSchemas,
                         Deque<AutoCloseable> resources) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.autoRegisterSchemas = autoRegisterSchemas;
        this.resources = resources;
    }

    /** Starts every part in order; if one fails, the parts already started are stopped again. */
    public static EventloomApp start(EventloomConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            String bootstrap = connectOrStartBroker(config, started);
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
                TopicSetup.Outcome outcome = new TopicSetup(admin, ADMIN_TIMEOUT).ensure(TopicPlan.of(config));
                log.info("Topics ready: created {}, already present {}", outcome.created(), outcome.existing());
            }
            Optional<String> configuredRegistry = config.get(EventloomConfig.SCHEMA_REGISTRY_URL);
            String registryUrl = configuredRegistry.isPresent()
                    ? useRegistry(configuredRegistry.get())
                    : startRegistry(config, bootstrap, started);
            // On the embedded default the app owns its registry, so it may register; elsewhere schemas are governed.
            boolean autoRegister = config.booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER,
                    configuredRegistry.isEmpty());
            return new EventloomApp(bootstrap, registryUrl, autoRegister, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** Starts the schema registry alone, on the configured Kafka or on an embedded broker when none is set. */
    public static EventloomApp startSchemaRegistryOnly(EventloomConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            String bootstrap = connectOrStartBroker(config, started);
            String registryUrl = startRegistry(config, bootstrap, started);
            return new EventloomApp(bootstrap, registryUrl, true, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The schema registry the app's serdes talk to: the configured one or the embedded one. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** Whether the app's serializers register the schemas they write. */
    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static String connectOrStartBroker(EventloomConfig config, Deque<AutoCloseable> started) {
        Optional<String> configured = config.get(EventloomConfig.BOOTSTRAP_SERVERS);
        if (configured.isPresent()) {
            log.info("Connecting to Kafka at {}", configured.get());
            return configured.get();
        }
        log.info("No {} configured: starting the embedded Kafka broker (set {} to use a cluster)",
                EventloomConfig.BOOTSTRAP_SERVERS, EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(
                config.path(EventloomConfig.EMBEDDED_KAFKA_DATA_DIR),
                config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT)));
        started.push(broker);
        return broker.bootstrapServers();
    }

    private static String useRegistry(String url) {
        log.info("Using the schema registry at {}", url);
        return url;
    }

    private static String startRegistry(EventloomConfig config, String bootstrap, Deque<AutoCloseable> started) {
        log.info("No {} configured: starting the embedded schema registry (set {} to use another)",
                EventloomConfig.SCHEMA_REGISTRY_URL, EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL));
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings
                .of(bootstrap, config.intValue(EventloomConfig.SCHEMA_REGISTRY_PORT))
                .withReplicationFactor((short) config.intValue(EventloomConfig.TOPIC_REPLICATION_FACTOR)));
        started.push(registry);
        return registry.url();
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Failed to stop {} cleanly", resource, e);
            }
        }
    }
}
