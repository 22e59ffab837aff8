package io.eventloom.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a {@link HealthCheck} found: up or down, with details for the people reading {@code /health/ready}. */
public record Health(boolean up, Map<String, Object> details) {

    public Health {
        Objects.requireNonNull(details, "details");
        // Insertion order is kept so the JSON reads in the order the check wrote it; nulls are allowed as values.
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Health up(Map<String, Object> details) {
        return new Health(true, details);
    }

    public static Health down(Map<String, Object> details) {
        return new Health(false, details);
    }
}
