package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
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
 * without a JVM-wide setting: Avro's global class validator is left as it is. Every place that resolves generated
 * classes by name (serdes, plain JSON to records) uses a model of this kind.
 */
public final class GeneratedClassesData extends SpecificData {

    private final Map<String, Optional<Class<?>>> classesByName = new ConcurrentHashMap<>();

    private GeneratedClassesData(ClassLoader classLoader, SpecificData conversionsFrom) {
        super(classLoader);
        conversionsFrom.getConversions().forEach(this::addLogicalTypeConversion);
    }

    /** A model loading the generated classes {@code classLoader} sees, with Avro's default conversions. */
    public static SpecificData of(ClassLoader classLoader) {
        return new GeneratedClassesData(classLoader, SpecificData.get());
    }

    /** A model for {@code type} and the generated classes its loader sees, with the conversions of its own. */
    static SpecificData of(Class<? extends SpecificRecord> type) {
        return new GeneratedClassesData(type.getClassLoader(), SpecificData.getForClass(type));
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
            boolean generated = SpecificRecord.class.isAssignableFrom(type)
                    || type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type)
                    || GenericFixed.class.isAssignableFrom(type);
            return generated ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
