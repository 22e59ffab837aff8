package io.eventloom.serde;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** A registry inside this object, for unit tests with {@code TopologyTestDriver}; no compatibility checks. */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        // Same as a real registry: ids are global, so one schema under two subjects keeps one id.
        int id = idsBySchema.computeIfAbsent(schema.toString(), text -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        Integer id = idsBySchema.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema not found under subject '" + subject + "'.");
        }
        return id;
    }

    @Override
    public synchronized OptionalInt versionOf(String subject, int schemaId) {
        int index = idsBySubject.getOrDefault(subject, List.of()).indexOf(schemaId);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index + 1);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema " + id + " not found");
        }
        return schema;
    }
}
