package io.eventloom.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one pattern for the names of aggregate types, process managers and projections: their topics, stores, internal
 * topics and processors are named after them, so a name must be safe in all of those.
 */
final class Names {

    private static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]*");

    private Names() {
    }

    /**
     * @param what what is named, for the message ("process")
     * @return {@code name}, when it follows the pattern
     */
    static String require(String what, String name) {
        Objects.requireNonNull(name, "name");
        if (!PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name must match " + PATTERN + ", was '" + name + "'");
        }
        return name;
    }
}
