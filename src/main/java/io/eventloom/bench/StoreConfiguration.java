package io.eventloom.bench;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Locale;
import java.util.Map;

/** A way of keeping Kafka Streams state that the restart bench compares: the Kafka Streams overrides it takes. */
enum StoreConfiguration {

    /** Kafka Streams' default: stores written as records arrive, so an unclean stop under exactly-once wipes them. */
    PLAIN("transactional stores off", Map.of(
            StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "false",
            StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
            IsolationLevel.READ_UNCOMMITTED.name())),

    /**
     * KIP-892, Eventloom's default: stores buffer writes and commit them with the changelog transaction; reads see
     * committed data.
     */
    TRANSACTIONAL("transactional stores on", Map.of(
            StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true",
            StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
            IsolationLevel.READ_COMMITTED.name()));

    private final String label;
    private final Map<String, String> streamsOverrides;

    StoreConfiguration(String label, Map<String, String> streamsOverrides) {
        this.label = label;
        this.streamsOverrides = streamsOverrides;
    }

    /** How the results table names it. */
    String label() {
        return label;
    }

    /** A short name for topic namespaces, application ids and directories. */
    String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    Map<String, String> streamsOverrides() {
        return streamsOverrides;
    }
}
