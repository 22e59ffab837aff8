package io.eventloom.http;

import io.eventloom.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What to tell a client whose command the gateway could not send, in words free of Kafka's internals. */
final class SendFailures {

    // The producer's message names its limit: "... which is larger than 1048576, which is the value of ...".
    private static final Pattern LIMIT = Pattern.compile("larger than (\\d+)");

    private SendFailures() {
    }

    /** For the 413: the command once serialized is larger than a record the log accepts. */
    static String tooLarge(RecordTooLargeException e) {
        Matcher limit = LIMIT.matcher(String.valueOf(e.getMessage()));
        return "the command is too large to be written to the log once serialized; " + (limit.find()
                ? "a record may be at most " + limit.group(1) + " bytes"
                : "it is over the log's record size limit (the producer's max.request.size or the topic's"
                + " max.message.bytes)");
    }

    /**
     * Whether the command could not be serialized because the schema registry is unreachable, failed (a 5xx) or
     * refused this instance's credentials: a passing condition, answered 503 so the client retries, unlike a schema
     * the registry refuses.
     */
    static boolean registryUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.isTransient();
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
