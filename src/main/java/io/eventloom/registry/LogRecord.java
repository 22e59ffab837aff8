package io.eventloom.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One request in the registry's log (its topic, {@code _eventloom_schemas} by default). Records are requests, not
 * results: every instance applies them in log order with the same rules, so all derive the same ids, versions and
 * verdicts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LogRecord.RegisterSchema.class, name = "REGISTER_SCHEMA"),
        @JsonSubTypes.Type(value = LogRecord.DeleteVersion.class, name = "DELETE_VERSION"),
        @JsonSubTypes.Type(value = LogRecord.DeleteSubject.class, name = "DELETE_SUBJECT"),
        @JsonSubTypes.Type(value = LogRecord.SetCompatibility.class, name = "SET_COMPATIBILITY"),
        @JsonSubTypes.Type(value = LogRecord.ClearCompatibility.class, name = "CLEAR_COMPATIBILITY")})
sealed interface LogRecord {

    /** Unique per request: the record's key in the topic and how its writer finds the outcome. */
    String requestId();

    /** Register {@code schema} (Avro's canonical JSON) under {@code subject}. */
    record RegisterSchema(String requestId, String subject, String schema) implements LogRecord {
    }

    /** Soft-delete one version; {@link RegistryState#LATEST} means the newest live one. */
    record DeleteVersion(String requestId, String subject, int version) implements LogRecord {
    }

    /** Soft-delete every live version of a subject. */
    record DeleteSubject(String requestId, String subject) implements LogRecord {
    }

    /** Set the level of one subject, or the global level when {@code subject} is null. */
    record SetCompatibility(String requestId, String subject, Compatibility level) implements LogRecord {
    }

    /** Remove a subject's own level, so it falls back to the global one. */
    record ClearCompatibility(String requestId, String subject) implements LogRecord {
    }
}
