package io.eventloom.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real single-node Apache Kafka broker in KRaft mode, run inside this JVM from Kafka's own jars. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String INTERNAL_LISTENER = "INTERNAL";

    private final EmbeddedBrokerSettings settings;
    private final KafkaRaftServer server;
    private final int internalPort;
    private boolean closed;

    private EmbeddedKafkaBroker(EmbeddedBrokerSettings settings, KafkaRaftServer server, int internalPort) {
        this.settings = settings;
        this.server = server;
        this.internalPort = internalPort;
    }

    /** Formats the data directory on first use, then starts the broker and returns once it serves requests. */
    public static EmbeddedKafkaBroker start(EmbeddedBrokerSettings settings) {
        Path logDir = settings.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
        }
        int internalPort = settings.saslUsers().isEmpty() ? settings.port() : FreePort.find();
        KafkaConfig config = new KafkaConfig(brokerProperties(settings, logDir, FreePort.find(), internalPort),
                false);
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (!formatted) {
            format(logDir);
        }
        long startedAt = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException("embedded Kafka broker failed to start on port " + settings.port()
                    + " with data in " + logDir + ": " + e.getMessage(), e);
        }
        log.info("Embedded Kafka broker ready at {} ({} data in {}, {} ms)",
                bootstrap(settings), formatted ? "existing" : "new", logDir,
                (System.nanoTime() - startedAt) / 1_000_000);
        return new EmbeddedKafkaBroker(settings, server, internalPort);
    }

    public String bootstrapServers() {
        return bootstrap(settings);
    }

    /**
     * The broker's own plain listener: the client port itself, or, with SASL users, a second port whose clients
     * act as the super user {@code ANONYMOUS} (for test fixtures that set up ACLs and topics).
     */
    public String internalBootstrapServers() {
        return settings.host() + ":" + internalPort;
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** Stops the broker cleanly; the data directory stays, so a later start sees every record. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker at {} stopped", bootstrapServers());
    }

    private static String bootstrap(EmbeddedBrokerSettings settings) {
        return settings.host() + ":" + settings.port();
    }

    private static Map<String, Object> brokerProperties(EmbeddedBrokerSettings settings, Path logDir,
                                                        int controllerPort, int internalPort) {
        String host = settings.host();
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static voter set: the controller port is not part of the formatted metadata, so it may differ per start.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + host + ":" + settings.port() + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        if (!settings.saslUsers().isEmpty()) {
            props.putAll(saslProperties(settings, controllerPort, internalPort));
        }
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "false");
        // One node: every internal topic must accept replication factor 1, or transactions never start.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(settings.brokerOverrides());
        return props;
    }

    // Clients on the client port authenticate with SASL/PLAIN and are held to ACLs; the broker's own requests (and
    // a fixture's on the internal port) come as ANONYMOUS over plain listeners, the one super user.
    private static Map<String, Object> saslProperties(EmbeddedBrokerSettings settings, int controllerPort,
                                                     int internalPort) {
        String host = settings.host();
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        settings.saslUsers().forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                .append(password).append('"'));
        Map<String, Object> props = new HashMap<>();
        props.put("listeners", "SASL_PLAINTEXT://" + host + ":" + settings.port() + "," + INTERNAL_LISTENER + "://"
                + host + ":" + internalPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "SASL_PLAINTEXT://" + host + ":" + settings.port() + ","
                + INTERNAL_LISTENER + "://" + host + ":" + internalPort);
        props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT," + INTERNAL_LISTENER
                + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", INTERNAL_LISTENER);
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:ANONYMOUS");
        props.put("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    private static void format(Path logDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        log.debug("Formatted Kafka storage: {}", out.toString(StandardCharsets.UTF_8).trim());
    }
}
