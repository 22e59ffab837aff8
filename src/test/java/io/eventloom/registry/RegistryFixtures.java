package io.eventloom.registry;

import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.TestBroker;

import java.util.UUID;

/** Registries for tests: each on its own topic, so tests sharing one broker do not see each other's schemas. */
final class RegistryFixtures {

    private RegistryFixtures() {
    }

    static String freshTopic() {
        return "_eventloom_schemas-" + UUID.randomUUID();
    }

    static EmbeddedSchemaRegistry start(TestBroker broker, String topic) {
        return EmbeddedSchemaRegistry.start(
                EmbeddedSchemaRegistry.Settings.of(broker.bootstrapServers(), FreePort.find()).withTopic(topic));
    }
}
