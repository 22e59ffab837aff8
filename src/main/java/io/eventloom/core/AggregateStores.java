package io.eventloom.core;

/** The names of one aggregate type's state stores, stable because their changelog topics are named after them. */
public record AggregateStores(String state, String processedCommands, String history) {

    public static AggregateStores of(String aggregateType) {
        return new AggregateStores(
                aggregateType + "-aggregate-state",
                aggregateType + "-processed-commands",
                aggregateType + "-event-history");
    }

    /** The history store key: aggregate id, a NUL (ids hold no control characters), the zero-padded version. */
    public static String historyKey(String aggregateId, long version) {
        return aggregateId + '\u0000' + String.format("%019d", version);
    }
}
