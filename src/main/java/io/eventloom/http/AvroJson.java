package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.serde.GeneratedClassesData;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON to and from Avro-generated records, led by the schema: {@code {"amountMinor": 100}} rather than
 * Avro's own JSON encoding with its union wrappers. Timestamps are ISO-8601 strings; a field with a default or a
 * nullable one may be omitted. Bad input raises {@link InvalidJsonException} naming the path of the offending field.
 */
public final class AvroJson {

    /** The schema property that marks a field as personal data, masked for callers without {@code read:pii}. */
    public static final String PII_PROPERTY = "pii";
    /** What a masked string reads as. */
    public static final String MASK = "***";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    // Records, enums and defaults are made by generated class, which only a model of this kind may load by name.
    private static final SpecificData MODEL = GeneratedClassesData.of(AvroJson.class.getClassLoader());

    private AvroJson() {
    }

    /** Reads a JSON object into a new instance of the record class for {@code schema}. */
    public static SpecificRecord read(JsonNode json, Schema schema) {
        return (SpecificRecord) value(json, schema, schema.getName());
    }

    /** Writes {@code value} as plain JSON, personal data included. */
    public static JsonNode write(Object value, Schema schema) {
        return write(value, schema, PersonalData.SHOWN);
    }

    /**
     * Writes {@code value} as plain JSON; with {@link PersonalData#MASKED}, every field the schema marks
     * {@code "pii": true} is masked: each string in it becomes {@value #MASK}, any other value null.
     */
    public static JsonNode write(Object value, Schema schema, PersonalData personal) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode object = JSON.objectNode();
                IndexedRecord record = (IndexedRecord) value;
                for (Schema.Field field : schema.getFields()) {
                    Object fieldValue = record.get(field.pos());
                    object.set(field.name(), personal == PersonalData.MASKED && isPersonal(field)
                            ? masked(write(fieldValue, field.schema(), PersonalData.SHOWN))
                            : write(fieldValue, field.schema(), personal));
                }
                yield object;
            }
            case UNION -> write(value, schema.getTypes().get(MODEL.resolveUnion(schema, value)), personal);
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                for (Object item : (Iterable<?>) value) {
                    array.add(write(item, schema.getElementType(), personal));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(),
                        write(v, schema.getValueType(), personal)));
                yield object;
            }
            case LONG -> value instanceof Instant instant ? JSON.textNode(instant.toString())
                    : JSON.numberNode((Long) value);
            case INT -> JSON.numberNode((Integer) value);
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case FLOAT -> JSON.numberNode((Float) value);
            case STRING, ENUM -> JSON.textNode(value.toString());
            case NULL -> JSON.nullNode();
            case BYTES, FIXED -> throw new IllegalStateException("binary fields are not exposed as JSON: " + schema);
        };
    }

    /** Whether the schema marks the field as personal data ({@code "pii": true}). */
    static boolean isPersonal(Schema.Field field) {
        return Boolean.TRUE.equals(field.getObjectProp(PII_PROPERTY));
    }

    // An absent value hides nothing and stays null, so a client still tells "not set" from "set but masked".
    private static JsonNode masked(JsonNode shown) {
        if (shown.isObject()) {
            ObjectNode object = JSON.objectNode();
            shown.fields().forEachRemaining(e -> object.set(e.getKey(), masked(e.getValue())));
            return object;
        }
        if (shown.isArray()) {
            ArrayNode array = JSON.arrayNode();
            shown.forEach(item -> array.add(masked(item)));
            return array;
        }
        return shown.isTextual() ? JSON.textNode(MASK) : JSON.nullNode();
    }

    private static Object value(JsonNode json, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(json, schema, path);
            case UNION -> union(json, schema, path);
            case ARRAY -> {
                expect(json.isArray(), path, "an array", json);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                yield items;
            }
            case MAP -> {
                expect(json.isObject(), path, "an object", json);
                Map<String, Object> map = new LinkedHashMap<>();
                json.fields().forEachRemaining(e -> map.put(e.getKey(),
                        value(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
                yield map;
            }
            case STRING -> {
                expect(json.isTextual(), path, "a string", json);
                yield json.textValue();
            }
            case ENUM -> {
                expect(json.isTextual() && schema.getEnumSymbols().contains(json.textValue()), path,
                        "one of " + schema.getEnumSymbols(), json);
                yield MODEL.createEnum(json.textValue(), schema);
            }
            case INT -> {
                expect(json.isInt(), path, "a whole number", json);
                yield json.intValue();
            }
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? instant(json, path) : longValue(json, path);
            case BOOLEAN -> {
                expect(json.isBoolean(), path, "true or false", json);
                yield json.booleanValue();
            }
            case DOUBLE, FLOAT -> throw new InvalidJsonException(path + ": floating point is not accepted");
            case NULL -> {
                expect(json.isNull(), path, "null", json);
                yield null;
            }
            case BYTES, FIXED -> throw new InvalidJsonException(path + ": binary fields cannot be set from JSON");
        };
    }

    private static Object record(JsonNode json, Schema schema, String path) {
        expect(json != null && json.isObject(), path, "an object", json);
        IndexedRecord record = (IndexedRecord) MODEL.newRecord(null, schema);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new InvalidJsonException(path + ": unknown field '" + name + "'; expected "
                        + schema.getFields().stream().map(Schema.Field::name).toList());
            }
        }
        for (Schema.Field field : schema.getFields()) {
            JsonNode child = json.get(field.name());
            String childPath = path + "." + field.name();
            if (child == null || child.isNull() && !accepts(field.schema(), Schema.Type.NULL)) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), MODEL.deepCopy(field.schema(), MODEL.getDefaultValue(field)));
                } else if (accepts(field.schema(), Schema.Type.NULL)) {
                    record.put(field.pos(), null);
                } else {
                    throw new InvalidJsonException(childPath + ": required");
                }
            } else {
                record.put(field.pos(), value(child, field.schema(), childPath));
            }
        }
        return record;
    }

    private static Object union(JsonNode json, Schema schema, String path) {
        if (json == null || json.isNull()) {
            expect(accepts(schema, Schema.Type.NULL), path, "a value", json);
            return null;
        }
        List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (branches.size() == 1) {
            return value(json, branches.get(0), path);
        }
        throw new InvalidJsonException(path + ": unions of several types cannot be read from plain JSON");
    }

    private static Object instant(JsonNode json, String path) {
        expect(json.isTextual(), path, "an ISO-8601 timestamp string", json);
        try {
            return Instant.parse(json.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidJsonException(path + ": '" + json.textValue() + "' is not an ISO-8601 timestamp");
        }
    }

    private static long longValue(JsonNode json, String path) {
        expect(json.isIntegralNumber() && json.canConvertToLong(), path, "a whole number", json);
        return json.longValue();
    }

    private static boolean accepts(Schema schema, Schema.Type type) {
        return schema.getType() == type
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(s -> s.getType() == type);
    }

    private static void expect(boolean ok, String path, String expected, JsonNode actual) {
        if (!ok) {
            throw new InvalidJsonException(path + ": expected " + expected + " but got "
                    + (actual == null ? "nothing" : actual.getNodeType().name().toLowerCase() + " " + actual));
        }
    }
}
