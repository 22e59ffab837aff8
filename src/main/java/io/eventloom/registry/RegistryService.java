package io.eventloom.registry;

import org.apache.avro.Schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry's operations: reads from this instance's view, writes through the log. */
final class RegistryService {

    private final SchemaLog log;
    private final RegistryState state;
    private final Duration timeout;

    /** A version together with its schema text, as most read endpoints answer. */
    record VersionedSchema(String subject, int version, int id, String schema) {
    }

    RegistryService(SchemaLog log, Duration timeout) {
        this.log = log;
        this.state = log.state();
        this.timeout = timeout;
    }

    int register(String subject, SchemaRequest request) {
        Schema schema = request.parse();
        String canonical = schema.toString();
        // Registering what is already there is the common case (every serializer start); answer it without a write.
        Optional<RegistryState.Version> existing = state.find(subject, canonical);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        // Confluent's rules decide before the request is logged; the log applies it by the validator it always used.
        state.effectiveLevel(subject).refusal(schema, state.liveVersionsNewestFirst(subject)).ifPresent(refusal -> {
            throw RegistryException.incompatible(subject, refusal.confluentMessages().toString());
        });
        return registered(log.append(new LogRecord.RegisterSchema(SchemaLog.newRequestId(), subject, canonical),
                timeout)).id();
    }

    VersionedSchema lookup(String subject, SchemaRequest request) {
        String canonical = request.parse().toString();
        return fresh(() -> {
            state.versions(subject, false);
            RegistryState.Version version = state.find(subject, canonical).orElseThrow(() ->
                    RegistryException.schemaNotFound("the schema is not registered under subject '" + subject + "'"));
            return withSchema(version);
        });
    }

    List<String> subjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return fresh(() -> state.versions(subject, includeDeleted).stream()
                .map(RegistryState.Version::version).toList());
    }

    VersionedSchema version(String subject, String version, boolean includeDeleted) {
        int number = VersionId.parse(version);
        return fresh(() -> withSchema(state.version(subject, number, includeDeleted)));
    }

    String schemaText(int id) {
        return fresh(() -> state.schema(id).toString());
    }

    List<RegistryState.Version> versionsOf(int id) {
        return fresh(() -> state.versionsOf(id));
    }

    List<Integer> deleteSubject(String subject) {
        return deleted(log.append(new LogRecord.DeleteSubject(SchemaLog.newRequestId(), subject), timeout));
    }

    /**
     * Refuses a permanent delete as Confluent's registry does when it refuses one: what was not soft-deleted first
     * is 40405 (subject) or 40407 (version); what was is still refused, since this registry never forgets a schema.
     */
    List<Integer> deleteSubjectPermanently(String subject) {
        if (fresh(() -> state.versions(subject, true)).stream().anyMatch(v -> !v.deleted())) {
            throw RegistryException.subjectNotSoftDeleted(subject);
        }
        throw RegistryException.permanentDeleteNotPermitted("subject '" + subject + "'");
    }

    /** As {@link #deleteSubjectPermanently}, for one version. */
    int deleteVersionPermanently(String subject, String version) {
        RegistryState.Version found = fresh(() -> state.version(subject, VersionId.parse(version), true));
        if (!found.deleted()) {
            throw RegistryException.versionNotSoftDeleted(subject, found.version());
        }
        throw RegistryException.permanentDeleteNotPermitted("version " + found.version() + " of subject '"
                + subject + "'");
    }

    int deleteVersion(String subject, String version) {
        int number = VersionId.parse(version);
        return deleted(log.append(new LogRecord.DeleteVersion(SchemaLog.newRequestId(), subject, number), timeout))
                .get(0);
    }

    /**
     * Why the schema may not follow the given version (or, for "latest", the subject's history), in Confluent's
     * words; empty if it may. Answers as a registration would: Confluent's rules, then the log's validator.
     */
    List<String> compatibilityProblems(String subject, String version, SchemaRequest request) {
        Schema candidate = request.parse();
        int number = VersionId.parse(version);
        List<SchemaVersion> against = fresh(() -> number == RegistryState.LATEST
                ? state.liveVersionsNewestFirst(subject)
                : List.of(new SchemaVersion(number, state.schema(state.version(subject, number, false).id()))));
        if (against.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        Compatibility level = state.effectiveLevel(subject);
        return level.refusal(candidate, against).map(Refusal::confluentMessages)
                .or(() -> level.validatorProblem(candidate, against.stream().map(SchemaVersion::schema).toList())
                        .map(List::of))
                .orElse(List.of());
    }

    Compatibility globalLevel() {
        return state.globalLevel();
    }

    Compatibility setGlobalLevel(Compatibility level) {
        return levelChanged(log.append(new LogRecord.SetCompatibility(SchemaLog.newRequestId(), null, level),
                timeout));
    }

    Compatibility subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<Compatibility> own = state.subjectLevel(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return state.globalLevel();
        }
        throw RegistryException.subjectLevelNotConfigured(subject);
    }

    Compatibility setSubjectLevel(String subject, Compatibility level) {
        // Apps set their subjects' levels at every start: the level already in force is answered without a write.
        if (state.subjectLevel(subject).equals(Optional.of(level))) {
            return level;
        }
        return levelChanged(log.append(new LogRecord.SetCompatibility(SchemaLog.newRequestId(), subject, level),
                timeout));
    }

    /** Removes a subject's own level and returns it. */
    Compatibility clearSubjectLevel(String subject) {
        return levelChanged(log.append(new LogRecord.ClearCompatibility(SchemaLog.newRequestId(), subject), timeout));
    }

    private VersionedSchema withSchema(RegistryState.Version version) {
        return new VersionedSchema(version.subject(), version.version(), version.id(),
                state.schema(version.id()).toString());
    }

    // A miss may only mean another instance wrote it a moment ago: read the log to its end once, then decide.
    private <T> T fresh(Supplier<T> read) {
        try {
            return read.get();
        } catch (RegistryException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            log.awaitCaughtUp(timeout);
            return read.get();
        }
    }

    private static Outcome.Registered registered(Outcome outcome) {
        return expect(outcome, Outcome.Registered.class);
    }

    private static List<Integer> deleted(Outcome outcome) {
        return expect(outcome, Outcome.Deleted.class).versions();
    }

    private static Compatibility levelChanged(Outcome outcome) {
        return expect(outcome, Outcome.LevelChanged.class).level();
    }

    private static <T extends Outcome> T expect(Outcome outcome, Class<T> type) {
        if (outcome instanceof Outcome.Refused refused) {
            throw refused.error();
        }
        if (type.isInstance(outcome)) {
            return type.cast(outcome);
        }
        throw new IllegalStateException("expected " + type.getSimpleName() + " but the log gave " + outcome);
    }
}
