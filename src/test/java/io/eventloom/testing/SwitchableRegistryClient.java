package io.eventloom.testing;

import io.eventloom.registry.Compatibility;
import io.eventloom.serde.InMemorySchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.Schema;

import java.util.List;
import java.util.OptionalInt;

/** An in-memory registry whose writes can be made unreachable, as a registry down for a while looks to a client. */
public final class SwitchableRegistryClient implements SchemaRegistryClient {

    private final InMemorySchemaRegistryClient inner = new InMemorySchemaRegistryClient();
    private volatile boolean reachable = true;

    public void reachable(boolean value) {
        reachable = value;
    }

    @Override
    public int register(String subject, Schema schema) {
        requireReachable();
        return inner.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        requireReachable();
        return inner.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return inner.schemaById(id);
    }

    @Override
    public OptionalInt versionOf(String subject, int schemaId) {
        requireReachable();
        return inner.versionOf(subject, schemaId);
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        requireReachable();
        inner.setCompatibility(subject, level);
    }

    @Override
    public List<String> compatibilityProblems(String subject, Schema schema) {
        requireReachable();
        return inner.compatibilityProblems(subject, schema);
    }

    private void requireReachable() {
        if (!reachable) {
            throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE,
                    "no schema registry reachable (switched off by the test)");
        }
    }
}
