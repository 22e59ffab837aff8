package io.eventloom.testing;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that an answer shows no Java internals: no class names, exception names or stack frames. */
public final class NoInternals {

    // A package-qualified class name, e.g. org.apache.avro.SchemaParseException or java.lang.String.
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+");

    private NoInternals() {
    }

    public static void assertNoInternals(String text) {
        assertThat(text).as("class names").doesNotContainPattern(CLASS_NAME);
        assertThat(text).as("exception names").doesNotContain("Exception").doesNotContain("Caused by");
        // A stack frame, as sent raw or escaped inside a JSON string.
        assertThat(text).as("stack frames").doesNotContain("\tat ").doesNotContain("\\tat ");
    }
}
