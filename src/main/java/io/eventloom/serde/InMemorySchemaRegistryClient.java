package io.eventloom.serde;

import io.eventloom.registry.Compatibility;
import io.eventloom.registry.Refusal;
import io.eventloom.registry.SchemaVersion;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A registry inside this object, for unit tests with {@code TopologyTestDriver}: registrations are not checked, but
 * {@link #compatibilityProblems} answers as a registry would at each subject's level (BACKWARD unless set).
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
    private final Map<String, Compatibility> levels = new HashMap<>();

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
        List<Integer> versions = versionIds(subject);
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

    @Override
    public synchronized void setCompatibility(String subject, Compatibility level) {
        levels.put(subject, level);
    }

    /** The level set for the subject, if any. */
    public synchronized Optional<Compatibility> compatibility(String subject) {
        return Optional.ofNullable(levels.get(subject));
    }

    @Override
    public synchronized List<String> compatibilityProblems(String subject, Schema schema) {
        List<Integer> ids = versionIds(subject);
        List<SchemaVersion> newestFirst = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            newestFirst.add(new SchemaVersion(i + 1, schemasById.get(ids.get(i))));
        }
        return levels.getOrDefault(subject, Compatibility.BACKWARD).refusal(schema, newestFirst)
                .map(Refusal::confluentMessages).orElse(List.of());
    }

    private List<Integer> versionIds(String subject) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        return versions;
    }
}
