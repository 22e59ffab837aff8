package io.eventloom.kafka;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives a test a running broker, shared by every test class in the JVM: the embedded KRaft broker by default,
 * a Testcontainers Kafka with {@code -Dbroker=docker} (skipped, not failed, where Docker is absent).
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    public static final String BROKER_PROPERTY = "broker";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String kind = System.getProperty(BROKER_PROPERTY, "embedded");
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return switch (kind) {
            case "embedded" -> store.computeIfAbsent("embedded", k -> new SharedEmbeddedBroker(), TestBroker.class);
            case "docker" -> store.computeIfAbsent("docker", k -> SharedContainerBroker.startOrSkip(),
                    TestBroker.class);
            default -> throw new IllegalArgumentException(
                    "-D" + BROKER_PROPERTY + " must be 'embedded' or 'docker', was '" + kind + "'");
        };
    }

    /** Starts a Kafka container, or aborts the calling test with the reason when Docker is not reachable. */
    public static KafkaContainer startContainerOrSkip() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "Docker is not available on this machine: skipping the Testcontainers Kafka broker");
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return container;
    }

    private static final class SharedEmbeddedBroker implements TestBroker, AutoCloseable {
        private final Path dataDir;
        private final EmbeddedKafkaBroker broker;

        SharedEmbeddedBroker() {
            try {
                dataDir = Files.createTempDirectory("eventloom-test-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(dataDir, FreePort.find()));
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void close() throws IOException {
            broker.close();
            deleteRecursively(dataDir);
        }
    }

    private record SharedContainerBroker(KafkaContainer container) implements TestBroker, AutoCloseable {
        static SharedContainerBroker startOrSkip() {
            return new SharedContainerBroker(startContainerOrSkip());
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
