package io.eventloom.app;

import io.eventloom.kafka.EmbeddedBrokerSettings;
import io.eventloom.kafka.EmbeddedKafkaBroker;
import io.eventloom.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/** The running system: an embedded broker when none is configured, the topics, and (later) the app's services. */
public final class EventloomApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Deque<AutoCloseable> resources;

    private EventloomApp(String bootstrapServers, Deque<AutoCloseable> resources) {
        this.bootstrapServers = bootstrapServers;
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
            return new EventloomApp(bootstrap, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
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
