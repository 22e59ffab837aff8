package io.eventloom.registry;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's view of its schemas, built only by applying the registry's log in order. Every decision
 * (a new id, the next version, a compatibility verdict) depends on nothing but the records applied before, so
 * every instance reading the same log reaches the same state.
 */
final class RegistryState {

    static final int LATEST = -1;

    /** One version of a subject; soft-deleted versions stay, so version numbers are never reused. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<String, Compatibility> subjectLevels = new HashMap<>();
    private Compatibility globalLevel = Compatibility.DEFAULT;

    synchronized Outcome apply(LogRecord record) {
        try {
            if (record instanceof LogRecord.RegisterSchema register) {
                return register(register.subject(), register.schema());
            } else if (record instanceof LogRecord.DeleteVersion delete) {
                return deleteVersion(delete.subject(), delete.version());
            } else if (record instanceof LogRecord.DeleteSubject delete) {
                return deleteSubject(delete.subject());
            } else if (record instanceof LogRecord.SetCompatibility set) {
                return setLevel(set.subject(), set.level());
            } else if (record instanceof LogRecord.ClearCompatibility clear) {
                return clearLevel(clear.subject());
            }
        } catch (RegistryException e) {
            return new Outcome.Refused(e);
        }
        throw new IllegalStateException("unexpected log record " + record);
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return versionsBySubject.entrySet().stream()
                .filter(e -> includeDeleted || e.getValue().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey).toList();
    }

    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(v -> includeDeleted || !v.deleted()).toList();
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /** A version of a subject, {@link #LATEST} meaning the newest one. */
    synchronized Version version(String subject, int version, boolean includeDeleted) {
        List<Version> versions = versions(subject, includeDeleted);
        if (version == LATEST) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
    }

    /** The live version of a subject holding exactly this canonical schema, if any. */
    synchronized Optional<Version> find(String subject, String canonicalSchema) {
        Integer id = idsBySchema.get(canonicalSchema);
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(v -> !v.deleted() && id != null && v.id() == id).findFirst();
    }

    synchronized Schema schema(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryException.schemaNotFound("schema " + id + " not found");
        }
        return schema;
    }

    synchronized List<Version> versionsOf(int id) {
        schema(id);
        return versionsBySubject.values().stream().flatMap(List::stream)
                .filter(v -> v.id() == id && !v.deleted()).toList();
    }

    /** A subject's live versions with their schemas, newest first, as compatibility checks take them. */
    synchronized List<SchemaVersion> liveVersionsNewestFirst(String subject) {
        return liveVersions(subject).stream()
                .sorted(Comparator.comparingInt(Version::version).reversed())
                .map(v -> new SchemaVersion(v.version(), schemasById.get(v.id()))).toList();
    }

    synchronized Compatibility globalLevel() {
        return globalLevel;
    }

    synchronized Optional<Compatibility> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Compatibility effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private Outcome register(String subject, String canonicalSchema) {
        Schema schema = parse(canonicalSchema);
        Optional<Version> existing = find(subject, canonicalSchema);
        if (existing.isPresent()) {
            return new Outcome.Registered(existing.get().id(), existing.get().version());
        }
        Optional<String> problem = effectiveLevel(subject).validatorProblem(schema,
                liveVersionsNewestFirst(subject).stream().map(SchemaVersion::schema).toList());
        if (problem.isPresent()) {
            throw RegistryException.incompatible(subject, problem.get());
        }
        int id = idsBySchema.computeIfAbsent(canonicalSchema, text -> schemasById.size() + 1);
        schemasById.putIfAbsent(id, schema);
        List<Version> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        int version = versions.stream().mapToInt(Version::version).max().orElse(0) + 1;
        versions.add(new Version(subject, version, id, false));
        return new Outcome.Registered(id, version);
    }

    private Outcome deleteVersion(String subject, int version) {
        Version target = version(subject, version, false);
        markDeleted(target);
        return new Outcome.Deleted(List.of(target.version()));
    }

    private Outcome deleteSubject(String subject) {
        List<Version> live = versions(subject, false);
        live.forEach(this::markDeleted);
        return new Outcome.Deleted(live.stream().map(Version::version).toList());
    }

    private Outcome setLevel(String subject, Compatibility level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject, level);
        }
        return new Outcome.LevelChanged(level);
    }

    private Outcome clearLevel(String subject) {
        Compatibility previous = subjectLevels.remove(subject);
        if (previous == null) {
            throw versionsBySubject.containsKey(subject)
                    ? RegistryException.subjectLevelNotConfigured(subject)
                    : RegistryException.subjectNotFound(subject);
        }
        return new Outcome.LevelChanged(previous);
    }

    private List<Version> liveVersions(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).toList();
    }

    private void markDeleted(Version version) {
        List<Version> versions = versionsBySubject.get(version.subject());
        versions.set(versions.indexOf(version),
                new Version(version.subject(), version.version(), version.id(), true));
    }

    private static Schema parse(String text) {
        return AvroSchemas.parse(text);
    }
}
