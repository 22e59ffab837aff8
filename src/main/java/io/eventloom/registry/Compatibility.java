package io.eventloom.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

import java.util.List;
import java.util.Optional;

/** Confluent's compatibility levels, each decided by Avro's own {@link SchemaValidatorBuilder} strategies. */
enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    static final Compatibility DEFAULT = BACKWARD;

    /** Parses a level as clients send it; unknown names are refused with 42203. */
    static Compatibility parse(String level) {
        for (Compatibility value : values()) {
            if (value.name().equalsIgnoreCase(level == null ? "" : level.trim())) {
                return value;
            }
        }
        throw RegistryException.invalidCompatibilityLevel(level);
    }

    /**
     * Why {@code candidate} may not follow {@code existingNewestFirst}, or empty when it may. Transitive levels
     * check every earlier version, the others only the newest one.
     */
    Optional<String> problem(Schema candidate, List<Schema> existingNewestFirst) {
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

    private SchemaValidator validator() {
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        // BACKWARD: the new schema reads data written with the old; FORWARD: the old reads the new.
        builder = switch (this) {
            case BACKWARD, BACKWARD_TRANSITIVE -> builder.canReadStrategy();
            case FORWARD, FORWARD_TRANSITIVE -> builder.canBeReadStrategy();
            case FULL, FULL_TRANSITIVE -> builder.mutualReadStrategy();
            case NONE -> throw new IllegalStateException("NONE checks nothing");
        };
        return switch (this) {
            case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE -> builder.validateAll();
            default -> builder.validateLatest();
        };
    }
}
