package io.eventloom.testing;

import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.InMemorySchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;

/**
 * The serdes tests run the counter's and the shop's topologies and topics with: one registry client each, and
 * registering the schemas they write, as the runtime does on its embedded registry.
 */
public final class TestSerdes {

    private TestSerdes() {
    }

    /** On a registry of their own, in memory: for topologies on the test driver. */
    public static AvroSerdes inMemory() {
        return on(new InMemorySchemaRegistryClient());
    }

    /** On the registry at {@code url}. */
    public static AvroSerdes on(String url) {
        return on(new HttpSchemaRegistryClient(url));
    }

    public static AvroSerdes on(SchemaRegistryClient registry) {
        return new AvroSerdes(registry, AvroSerdeConfig.autoRegistering());
    }

    /** On an empty registry of their own, registering nothing, as with a governed registry: every write fails. */
    public static AvroSerdes unregistered() {
        return new AvroSerdes(new InMemorySchemaRegistryClient(), AvroSerdeConfig.defaults());
    }
}
