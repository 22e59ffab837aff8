package io.eventloom.bench;

import java.util.Locale;

/** The bench's scenarios, in the order a full run runs them (the longest last). */
enum Scenario {

    THROUGHPUT,
    HTTP,
    LATENCY,
    MEMORY,
    SAGA,
    AXON,
    RESTART;

    /** The subcommand that runs it alone, such as {@code throughput}. */
    String command() {
        return name().toLowerCase(Locale.ROOT);
    }
}
