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
     * Whether the schema registry being unreachable, failing (a 5xx) or refusing this instance's credentials is why a
     * command could not be serialized, or why what is stored (events written with a schema this instance has not
     * fetched yet) could not be decoded: a passing condition, unlike a schema the registry refuses, so the client is
     * told to retry, or a written command is answered with its event types.
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
