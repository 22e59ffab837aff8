package io.eventloom.http;

import io.eventloom.core.CommandOptions;
import io.javalin.http.Context;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's options from its headers. {@code Idempotency-Key} becomes the command id: 1 to
 * {@value #MAX_KEY_LENGTH} printable ASCII characters (spaces only inside), so a key is stored exactly as sent and
 * never depends on how a client encodes other characters. {@code If-Match} is the expected version, a whole
 * number, bare or as an entity tag. Anything else is a 400 {@code invalid_header}.
 */
final class CommandHeaders {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IF_MATCH = "If-Match";
    static final int MAX_KEY_LENGTH = 255;

    // Visible ASCII (0x21-0x7E) at both ends, visible ASCII or spaces between.
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?");
    // A version bare or as an entity tag, as HTTP clients tend to send it: 3, "3", W/"3". At most 18 digits fit a long.
    private static final Pattern VERSION = Pattern.compile("(?:W/)?(\"?)([0-9]{1,18})\\1");
    private static final int MAX_ECHO = 40;

    private CommandHeaders() {
    }

    static CommandOptions options(Context ctx) {
        CommandOptions options = CommandOptions.withId(commandId(ctx.header(IDEMPOTENCY_KEY)));
        String ifMatch = ctx.header(IF_MATCH);
        return ifMatch == null ? options : options.expectingVersion(expectedVersion(ifMatch));
    }

    private static String commandId(String key) {
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw invalidKey("this one has " + key.length() + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            // Header bytes outside ASCII arrive as Latin-1 characters: refused rather than stored mangled.
            throw invalidKey("this one holds other characters (non-ASCII, tabs or control characters)");
        }
        return key;
    }

    private static ApiError invalidKey(String problem) {
        return ApiError.badRequest("invalid_header", IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH
                + " printable ASCII characters (letters, digits, punctuation; spaces only inside); " + problem);
    }

    private static long expectedVersion(String ifMatch) {
        Matcher version = VERSION.matcher(ifMatch.trim());
        if (!version.matches()) {
            throw ApiError.badRequest("invalid_header", IF_MATCH + " must be the expected version, a whole number"
                    + " from 0 (bare, \"3\" or W/\"3\"); was '" + echo(ifMatch) + "'");
        }
        return Long.parseLong(version.group(2));
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }
}
