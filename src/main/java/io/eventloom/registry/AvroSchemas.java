package io.eventloom.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.eventloom.core.InternalDetails;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Parses schema text as Avro. Whatever Avro throws for a schema it cannot accept (an undefined or unknown type,
 * a bad default, duplicate fields, text that is not JSON) is a 42201 whose message keeps Avro's explanation where
 * it is plain words and never names a Java class.
 */
final class AvroSchemas {

    /**
     * Avro parses, prints and compares schemas recursively: a bounded depth keeps that far from the stack's limit
     * (no real schema comes near it).
     */
    static final int MAX_NESTING_DEPTH = 200;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    // A package-qualified class name, with the ": " Avro puts after one when it wraps another exception.
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?");

    private AvroSchemas() {
    }

    /** The schema, or a {@link RegistryException#invalidSchema 42201} saying in plain words why it is not one. */
    static Schema parse(String text) {
        requireShallowJson(text);
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema(describe(e));
        }
    }

    /** Avro's explanation of a failure without class names, Jackson's source locations or hints. */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        for (var prefix = CLASS_PREFIX.matcher(message); prefix.find(); prefix = CLASS_PREFIX.matcher(message)) {
            message = message.substring(prefix.end());
        }
        int location = message.indexOf("\n at [Source");
        message = (location >= 0 ? message.substring(0, location) : message).trim();
        if (message.startsWith("Unknown schema") || failure instanceof NullPointerException) {
            // Avro 1.12 fails this way on a top-level name it cannot resolve, such as "intt".
            return "the schema names a type that is not defined";
        }
        if (message.isEmpty() || InternalDetails.foundIn(message)) {
            return "the schema is not valid Avro";
        }
        return message;
    }

    private static void requireShallowJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                // every token is read so that the depth limit sees every level
            }
        } catch (StreamConstraintsException e) {
            throw RegistryException.invalidSchema("the schema nests deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            // Not JSON at all: Avro's parser says so below, in its own words.
        } catch (IOException e) {
            throw RegistryException.invalidSchema("the schema cannot be read");
        }
    }
}
