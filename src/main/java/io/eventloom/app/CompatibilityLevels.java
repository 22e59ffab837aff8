package io.eventloom.app;

import io.eventloom.registry.Compatibility;
import org.apache.avro.Schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compatibility level of each subject the app registers: the one its schema's kind gets (events
 * BACKWARD_TRANSITIVE, commands and command results BACKWARD, state BACKWARD_TRANSITIVE), unless
 * {@code schema.registry.compatibility.overrides} names the subject.
 */
final class CompatibilityLevels {

    private final DomainSchemas schemas;
    private final Map<String, Compatibility> overrides;

    private CompatibilityLevels(DomainSchemas schemas, Map<String, Compatibility> overrides) {
        this.schemas = schemas;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The levels for a domain's subjects, with the configured overrides.
     *
     * @throws ConfigException when an override names a subject that is not one of the app's public subjects
     */
    static CompatibilityLevels of(EventloomConfig config, DomainSchemas schemas) {
        Map<String, Compatibility> overrides = parse(config.list(
                EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES));
        Set<String> known = new TreeSet<>();
        schemas.publicSubjects().forEach(subject -> known.add(subject.name()));
        for (String subject : overrides.keySet()) {
            if (!known.contains(subject)) {
                throw new ConfigException(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES + ": '" + subject
                        + "' is not a subject of this app's public topics; did you mean "
                        + EventloomConfig.closest(known, subject) + "? (one of " + known + ")");
            }
        }
        return new CompatibilityLevels(schemas, overrides);
    }

    /**
     * Override entries ({@code shop.order.commands-value=FULL}) by subject.
     *
     * @throws IllegalArgumentException naming an entry that is not {@code subject=LEVEL}, names no level, or
     *                                  repeats a subject
     */
    static Map<String, Compatibility> parse(List<String> entries) {
        Map<String, Compatibility> overrides = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not subject=LEVEL");
            }
            String subject = entry.substring(0, equals).trim();
            String level = entry.substring(equals + 1).trim();
            Compatibility parsed = Compatibility.named(level).orElseThrow(() -> new IllegalArgumentException("'"
                    + level + "' in '" + entry + "' is not a compatibility level; use one of "
                    + Arrays.toString(Compatibility.values())));
            if (overrides.put(subject, parsed) != null) {
                throw new IllegalArgumentException("'" + subject + "' is given twice");
            }
        }
        return overrides;
    }

    /** The level for a subject the app registers {@code schema} under. */
    Compatibility levelFor(String subject, Schema schema) {
        return overrides.getOrDefault(subject, schemas.kindOf(schema).level());
    }
}
