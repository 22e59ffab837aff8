package io.eventloom.serde;

import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro load its own generated classes by name anywhere in the JVM. Since 1.12.2 Avro refuses any class
 * outside packages listed in system properties; generated builders (defaults for enums and nested records)
 * and {@code SpecificData} need ours. Trusting Avro-generated types only keeps the protection that rule is for:
 * a schema still cannot make Avro instantiate an arbitrary class.
 */
public final class GeneratedTypesTrust {

    private static boolean installed;

    private GeneratedTypesTrust() {
    }

    /** Adds the rule to Avro's global validator once; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                GeneratedTypesTrust::isGenerated));
        installed = true;
    }

    static boolean isGenerated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                || type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type)
                || GenericFixed.class.isAssignableFrom(type);
    }
}
