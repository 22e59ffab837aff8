package io.eventloom.core;

import java.util.Optional;

/** The names of one aggregate type's state stores, stable because their changelog topics are named after them. */
public record AggregateStores(String state, String processedCommands, String history) {

    public static AggregateStores of(String aggregateType) {
        return new AggregateStores(
                aggregateType + "-aggregate-state",
                aggregateType + "-command-dedupe",
                aggregateType + "-event-history");
    }

    /** The history store key: aggregate id, a NUL (ids hold no control characters), the zero-padded version. */
    public static String historyKey(String aggregateId, long version) {
        return aggregateId + '\u0000' + OrderedKeys.padded(version);
    }

    /**
     * The dedupe store key: a command id is remembered per aggregate, and apart for clients and for each process
     * manager, so no client can pre-empt or replay a process's command by reusing its id. The aggregate id comes
     * first and holds no NUL, so the parts cannot be confused.
     */
    static String dedupeKey(Optional<String> process, String aggregateId, String commandId) {
        return aggregateId + '\u0000' + process.map(name -> "process:" + name).orElse("client") + '\u0000'
                + commandId;
    }

    /** The changelog topic Kafka Streams keeps a store of this application in. */
    public static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }
}
