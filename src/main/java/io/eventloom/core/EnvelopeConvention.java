package io.eventloom.core;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The envelope convention: the fields, in order, of every aggregate type's command envelope and event envelope, so
 * the runtime reads and writes any type's envelopes by field name. This is its one definition: each
 * {@link AggregateType} is checked against it when declared, and a test checks every envelope schema under
 * {@code schemas/}.
 */
public enum EnvelopeConvention {

    /** A command envelope, as posted to {@code T.commands}: the payload is one of the type's command records. */
    COMMAND(List.of(
            new Field("commandId", "string"),
            new Field("aggregateId", "string"),
            new Field("expectedVersion", "[null, long]", "null"),
            new Field("issuedAt", "long (timestamp-millis)"),
            new Field("correlationId", "string"),
            new Field("causationId", "[null, string]", "null"),
            new Field("metadata", "map of string", "{}"),
            new Field("payload", "union of records"))),

    /** An event envelope, as appended to {@code T.events}: the payload is one of the type's event records. */
    EVENT(List.of(
            new Field("eventId", "string"),
            new Field("aggregateId", "string"),
            new Field("version", "long"),
            new Field("occurredAt", "long (timestamp-millis)"),
            new Field("commandId", "string"),
            new Field("correlationId", "string"),
            new Field("causationId", "[null, string]", "null"),
            new Field("payload", "union of records")));

    private final List<Field> fields;

    EnvelopeConvention(List<Field> fields) {
        this.fields = fields;
    }

    /** The envelope's fields, in order. */
    public List<Field> fields() {
        return fields;
    }

    /**
     * How {@code envelope} departs from this convention, field by field in plain words; empty when it follows it.
     * Docs and Java-specific properties (such as {@code avro.java.string}) are not part of the convention.
     */
    public List<String> problems(Schema envelope) {
        if (envelope.getType() != Schema.Type.RECORD) {
            return List.of(envelope.getName() + " is not a record");
        }
        List<Schema.Field> actual = envelope.getFields();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < Math.max(fields.size(), actual.size()); i++) {
            String where = envelope.getName() + " field " + (i + 1);
            if (i >= actual.size()) {
                problems.add(where + " is missing; the convention says " + fields.get(i));
            } else if (i >= fields.size()) {
                problems.add(where + " is " + Field.of(actual.get(i)) + ", which the convention does not have");
            } else if (!Field.of(actual.get(i)).equals(fields.get(i))) {
                problems.add(where + " is " + Field.of(actual.get(i)) + " but the convention says " + fields.get(i));
            }
        }
        return problems;
    }

    /**
     * One envelope field: its name, its type and its default, written shortly: {@code string}, {@code long},
     * {@code long (timestamp-millis)}, {@code [null, long]} (a union, branches in order), {@code map of string},
     * {@code union of records}; the default as JSON, empty when the field has none.
     */
    public record Field(String name, String type, Optional<String> defaultValue) {

        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }

        Field(String name, String type) {
            this(name, type, Optional.empty());
        }

        Field(String name, String type, String defaultValue) {
            this(name, type, Optional.of(defaultValue));
        }

        /** A schema's field in this notation. */
        static Field of(Schema.Field field) {
            return new Field(field.name(), typeOf(field.schema()),
                    field.hasDefaultValue() ? Optional.of(json(field.defaultVal())) : Optional.empty());
        }

        @Override
        public String toString() {
            return name + ": " + type + defaultValue.map(value -> " = " + value).orElse(", no default");
        }

        private static String typeOf(Schema schema) {
            return switch (schema.getType()) {
                case UNION -> schema.getTypes().stream().allMatch(branch -> branch.getType() == Schema.Type.RECORD)
                        ? "union of records"
                        : schema.getTypes().stream().map(Field::typeOf).collect(Collectors.joining(", ", "[", "]"));
                case MAP -> "map of " + typeOf(schema.getValueType());
                case ARRAY -> "array of " + typeOf(schema.getElementType());
                case RECORD, ENUM, FIXED -> schema.getFullName();
                default -> schema.getType().getName() + (schema.getLogicalType() == null ? ""
                        : " (" + schema.getLogicalType().getName() + ")");
            };
        }

        // Avro hands a default over as a Java value: null and the empty map are written back as JSON, the rest
        // (numbers, strings quoted) as Java prints them, which tells any two defaults apart.
        private static String json(Object value) {
            if (value == JsonProperties.NULL_VALUE) {
                return "null";
            }
            if (value instanceof CharSequence text) {
                return "\"" + text + "\"";
            }
            return value instanceof Map<?, ?> map && map.isEmpty() ? "{}" : String.valueOf(value);
        }
    }
}
