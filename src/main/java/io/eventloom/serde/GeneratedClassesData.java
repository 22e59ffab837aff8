package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro's specific data model that resolves a named schema to its generated class. Avro 1.12 refuses to load
 * classes outside trusted packages named by system properties, to stop a schema from instantiating arbitrary
 * types; here only Avro-generated types (records, enums, fixed) are loaded, which gives the same protection
 * without a JVM-wide setting.
 */
final class GeneratedClassesData extends SpecificData {

    private final Map<String, Optional<Class<?>>> classesByName = new ConcurrentHashMap<>();

    GeneratedClassesData(ClassLoader classLoader, SpecificData conversionsFrom) {
        super(classLoader);
        conversionsFrom.getConversions().forEach(this::addLogicalTypeConversion);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> classesByName
                    .computeIfAbsent(schema.getFullName(), name -> generatedClass(schema)).orElse(null);
            default -> super.getClass(schema);
        };
    }

    private Optional<Class<?>> generatedClass(Schema schema) {
        try {
            Class<?> type = Class.forName(getClassName(schema), false, getClassLoader());
            boolean generated = SpecificRecord.class.isAssignableFrom(type) || type.isEnum()
                    || GenericFixed.class.isAssignableFrom(type);
            return generated ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
