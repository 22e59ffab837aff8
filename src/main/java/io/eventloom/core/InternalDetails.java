package io.eventloom.core;

import java.util.regex.Pattern;

/**
 * What in a message would show a client Java internals: a package-qualified class name, an exception's name or
 * cause, a stack frame (raw or escaped inside a JSON string), or Jackson's hints (identifiers in backquotes, a
 * redacted source). The HTTP API and the schema registry keep such text out of their answers, and tests check it.
 */
public final class InternalDetails {

    /** Finds the first internal detail in a text. */
    public static final Pattern PATTERN = Pattern.compile(
            "[a-z]+\\.[a-z]+\\.[A-Z]|Exception|Caused by|\\tat |\\\\tat |`|REDACTED");

    private InternalDetails() {
    }

    /** Whether {@code text} shows any internal detail; null shows none. */
    public static boolean foundIn(String text) {
        return text != null && PATTERN.matcher(text).find();
    }
}
