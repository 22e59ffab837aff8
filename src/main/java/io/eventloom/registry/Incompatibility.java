package io.eventloom.registry;

/**
 * One reason a schema may not follow an earlier version: Avro's incompatibility type (Confluent's
 * {@code errorType}), a sentence naming the field and what it breaks, and Avro's own detail.
 */
public record Incompatibility(String type, String description, String detail) {

    /** As Confluent's registry words one in a compatibility answer or a 409. */
    String confluentMessage() {
        return "{errorType:'" + type + "', description:'" + description + "', additionalInfo:'" + detail + "'}";
    }
}
