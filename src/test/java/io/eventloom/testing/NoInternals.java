package io.eventloom.testing;

import io.eventloom.core.InternalDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that an answer shows no Java internals, as {@link InternalDetails} defines them for the API and registry. */
public final class NoInternals {

    private NoInternals() {
    }

    public static void assertNoInternals(String text) {
        assertThat(text).as("Java internals: class names, exception names, stack frames or Jackson's hints")
                .doesNotContainPattern(InternalDetails.PATTERN);
    }
}
