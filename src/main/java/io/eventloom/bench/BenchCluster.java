package io.eventloom.bench;

import io.eventloom.kafka.EmbeddedBrokerSettings;
import io.eventloom.kafka.EmbeddedKafkaBroker;
import io.eventloom.kafka.FreePort;
import io.eventloom.registry.EmbeddedSchemaRegistry;

import java.nio.file.Path;

/** The bench's own embedded KRaft broker and schema registry, on free ports, with data under one directory. */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private BenchCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static BenchCluster start(Path dataDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(dataDir.resolve("kafka"),
                FreePort.find()));
        try {
            return new BenchCluster(broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(), FreePort.find()));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
