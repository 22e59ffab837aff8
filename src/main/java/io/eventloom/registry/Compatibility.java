package io.eventloom.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Confluent's compatibility levels: which earlier versions a new schema is checked against, and which way data must
 * be readable.
 */
public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    static final Compatibility DEFAULT = BACKWARD;

    /** A level by the name clients send, case ignored; empty for a name that is none. */
    public static Optional<Compatibility> named(String level) {
        String trimmed = level == null ? "" : level.trim();
        return Arrays.stream(values()).filter(value -> value.name().equalsIgnoreCase(trimmed)).findFirst();
    }

    /** Parses a level as clients send it; unknown names are refused with 42203. */
    static Compatibility parse(String level) {
        return named(level).orElseThrow(() -> RegistryException.invalidCompatibilityLevel(level));
    }

    /**
     * Why {@code candidate} may not follow the earlier versions at this level, by Avro's {@code SchemaCompatibility}
     * as Confluent's registry decides: against the first version, newest first, that refuses it. Transitive levels
     * check every earlier version, the others only the newest one.
     */
    public Optional<Refusal> refusal(Schema candidate, List<SchemaVersion> earlierNewestFirst) {
        if (this == NONE) {
            return Optional.empty();
        }
        List<SchemaVersion> against = isTransitive() ? earlierNewestFirst : earlierNewestFirst.stream().limit(1)
                .toList();
        for (SchemaVersion earlier : against) {
            List<Incompatibility> found = incompatibilities(candidate, earlier);
            if (!found.isEmpty()) {
                return Optional.of(new Refusal(this, earlier, found));
            }
        }
        return Optional.empty();
    }

    /**
     * The verdict of Avro's {@link SchemaValidator}, by which the registry's log decides registrations as it applies
     * them. It must stay as it was when the log's records were first applied: a replay that refused one registration
     * it once accepted would give every later schema another id. It lets through what {@link #refusal} refuses (a
     * renamed record, an enum that lost symbols), so new registrations are held to {@link #refusal} before they are
     * logged.
     */
    Optional<String> validatorProblem(Schema candidate, List<Schema> existingNewestFirst) {
        if (this == NONE || existingNewestFirst.isEmpty()) {
            return Optional.empty();
        }
        try {
            validator().validate(candidate, existingNewestFirst);
            return Optional.empty();
        } catch (SchemaValidationException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // Decided while applying the log: a throw would stop every instance's reader, a verdict does not.
            return Optional.of("the schemas cannot be compared: " + AvroSchemas.describe(e));
        }
    }

    private List<Incompatibility> incompatibilities(Schema candidate, SchemaVersion earlier) {
        List<Incompatibility> found = new ArrayList<>();
        try {
            if (this != FORWARD && this != FORWARD_TRANSITIVE) {
                found.addAll(ReaderWriterCheck.find(candidate, earlier, ReaderWriterCheck.Direction.NEW_READS_OLD));
            }
            if (this != BACKWARD && this != BACKWARD_TRANSITIVE) {
                found.addAll(ReaderWriterCheck.find(candidate, earlier, ReaderWriterCheck.Direction.OLD_READS_NEW));
            }
        } catch (RuntimeException e) {
            // Avro refuses some pairs outright (a field whose aliases match two fields): a verdict, not a failure.
            found.add(new Incompatibility("NOT_COMPARABLE", "the schema cannot be compared with version "
                    + earlier.version() + ": " + AvroSchemas.describe(e), ""));
        }
        return found;
    }

    private boolean isTransitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    private SchemaValidator validator() {
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        // BACKWARD: the new schema reads data written with the old; FORWARD: the old reads the new.
        builder = switch (this) {
            case BACKWARD, BACKWARD_TRANSITIVE -> builder.canReadStrategy();
            case FORWARD, FORWARD_TRANSITIVE -> builder.canBeReadStrategy();
            case FULL, FULL_TRANSITIVE -> builder.mutualReadStrategy();
            case NONE -> throw new IllegalStateException("NONE checks nothing");
        };
        return isTransitive() ? builder.validateAll() : builder.validateLatest();
    }
}
