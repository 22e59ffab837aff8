package io.eventloom.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.eventloom.core.HealthCheck;
import io.eventloom.kafka.KafkaClientSettings;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Confluent-compatible schema registry (REST API v1, Avro) kept in a compacted, single-partition Kafka topic.
 *
 * <p>How several instances on one topic stay consistent: the topic holds requests ("register this schema under
 * this subject", "delete that version", "set this level"), each under its own unique key, and every instance
 * applies them in log order with the same deterministic rules. The id of a new schema is the next free one at
 * its position in the log, its version the next in its subject, its compatibility verdict the one the levels and
 * versions before it give. So two instances racing to register get the same answers, and never collide: the log
 * order decides, not the instance. A writer answers its client only after reading its own record back. Because
 * every key is unique, compaction never removes a record, which keeps the replayed order, and so every id, intact.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /**
     * Not Confluent Schema Registry's {@code _schemas}: its records are another format, so on a cluster shared with
     * a Confluent registry each would read the other's records as garbage.
     */
    public static final String DEFAULT_TOPIC = "_eventloom_schemas";
    public static final int DEFAULT_PORT = 8081;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SchemaLog schemaLog;
    private final Javalin server;
    private final Settings settings;

    /**
     * Where the registry keeps its schemas, where it listens (an address, or every interface when empty, and a
     * port), who may use it and where its Kafka clients' metrics go; an empty replication factor is the broker's
     * default.
     */
    public record Settings(KafkaClientSettings kafka, Optional<String> bindAddress, int port, String topic,
                           Optional<Short> replicationFactor, RegistryAccess access, MeterRegistry meters) {

        public Settings {
            Objects.requireNonNull(kafka, "kafka");
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(replicationFactor, "replicationFactor");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(meters, "meters");
        }

        /**
         * On every interface, open to every caller: give it {@link #withAccess} unless something in front guards it.
         * Its metrics are kept in memory only unless given {@link #withMeters}.
         */
        public static Settings of(KafkaClientSettings kafka, int port) {
            return new Settings(kafka, Optional.empty(), port, DEFAULT_TOPIC, Optional.empty(),
                    RegistryAccess.unauthenticated(), new SimpleMeterRegistry());
        }

        public static Settings of(String bootstrapServers, int port) {
            return of(KafkaClientSettings.of(bootstrapServers), port);
        }

        public Settings withTopic(String value) {
            return new Settings(kafka, bindAddress, port, value, replicationFactor, access, meters);
        }

        public Settings withReplicationFactor(Optional<Short> value) {
            return new Settings(kafka, bindAddress, port, topic, value, access, meters);
        }

        public Settings withBindAddress(String value) {
            return new Settings(kafka, Optional.of(value), port, topic, replicationFactor, access, meters);
        }

        public Settings withAccess(RegistryAccess value) {
            return new Settings(kafka, bindAddress, port, topic, replicationFactor, value, meters);
        }

        public Settings withMeters(MeterRegistry value) {
            return new Settings(kafka, bindAddress, port, topic, replicationFactor, access, value);
        }
    }

    private EmbeddedSchemaRegistry(Settings settings, SchemaLog schemaLog, Javalin server) {
        this.settings = settings;
        this.schemaLog = schemaLog;
        this.server = server;
    }

    /** Starts on the {@value #DEFAULT_TOPIC} topic of the given Kafka, listening on the given port. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(Settings.of(bootstrapServers, port));
    }

    /** Reads the topic to its end, then serves HTTP; returns once both are ready. */
    public static EmbeddedSchemaRegistry start(Settings settings) {
        long startedAt = System.nanoTime();
        SchemaLog schemaLog = SchemaLog.open(settings.kafka(), settings.topic(),
                settings.replicationFactor(), TIMEOUT, settings.meters());
        try {
            // One JSON value per request body: content after it is refused, not silently ignored.
            ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
            RegistryRoutes routes = new RegistryRoutes(new RegistryService(schemaLog, TIMEOUT), json,
                    settings.access());
            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = settings.bindAddress().orElse(null);
                config.jetty.port = settings.port();
                config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new RegistryJettyErrors(json)));
                config.router.javaLangErrorHandler((response, error) -> answerError(json, response, error));
                routes.addTo(config.routes);
            }).start();
            log.info("Schema registry ready at {} (schemas in topic {}, {} ms)", url(settings), settings.topic(),
                    (System.nanoTime() - startedAt) / 1_000_000);
            return new EmbeddedSchemaRegistry(settings, schemaLog, server);
        } catch (RuntimeException e) {
            schemaLog.close();
            throw new IllegalStateException("schema registry failed to start on port " + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Readiness of the registry's log reader ({@code registry}): down when it has stopped or cannot read. */
    public HealthCheck health() {
        return schemaLog.health();
    }

    // Errors (a StackOverflowError, an OutOfMemoryError) bypass the exception handlers and reach only this.
    private static void answerError(ObjectMapper json, HttpServletResponse response, Error error) {
        String reference = UUID.randomUUID().toString();
        log.error("Schema registry failed with an error (reference {})", reference, error);
        try {
            response.setStatus(500);
            response.setContentType(RegistryRoutes.CONTENT_TYPE);
            response.getOutputStream().write(RegistryErrors.body(json, 500,
                    "Internal error; the registry's log has the details under reference " + reference));
        } catch (IOException | IllegalStateException writeFailure) {
            log.warn("Could not answer the failed request (reference {}): {}", reference, writeFailure.getMessage());
        }
    }

    public String url() {
        return url(settings);
    }

    private static String url(Settings settings) {
        String host = settings.bindAddress().filter(address -> !address.equals("0.0.0.0")).orElse("localhost");
        return "http://" + host + ":" + settings.port();
    }

    @Override
    public void close() {
        server.stop();
        schemaLog.close();
        log.info("Schema registry at {} stopped", url());
    }

    @Override
    public String toString() {
        return "schema registry at " + url();
    }
}
