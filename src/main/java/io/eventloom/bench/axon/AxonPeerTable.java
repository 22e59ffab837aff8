package io.eventloom.bench.axon;

import java.util.Locale;

/** The Axon peer's result as Markdown: one row, the setup and the machine beneath it. */
public final class AxonPeerTable {

    /** The table's header, for a report that adds rows of its own or parses this one. */
    public static final String HEADER = "| system | closed loop (commands/s) | open loop (commands/s) | p50 (ms)"
            + " | p99 (ms) | p99.9 (ms) | events stored | database (MiB) |";

    private AxonPeerTable() {
    }

    /** The result as a Markdown section with the machine beneath it, for a run of the peer alone. */
    public static String render(AxonPeerResult result) {
        Runtime runtime = Runtime.getRuntime();
        return section(result) + String.format(Locale.ROOT, "Machine: %d cores; max heap %.1f GiB; Java %s (%s);"
                        + " %s %s%n", runtime.availableProcessors(), runtime.maxMemory() / (1024.0 * 1024 * 1024),
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The result as a Markdown section: a heading, the table and what the figures mean. */
    public static String section(AxonPeerResult result) {
        AxonPeerPlan plan = result.plan();
        String newline = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Axon peer: %d commands (%d products), %d clients%n%n",
                plan.closedLoopCommands(), plan.products(), plan.clients()));
        out.append(HEADER).append(newline);
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|").append(newline);
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %.2f | %.2f | %.2f | %d | %.1f |%n",
                result.peer(), result.commandsPerSecond(), plan.ratePerSecond(), result.p50Millis(),
                result.p99Millis(), result.p999Millis(), result.eventsStored(),
                result.databaseBytes() / (1024.0 * 1024)));
        out.append(newline);
        out.append(String.format(Locale.ROOT, "Closed loop: %d CreateProduct then %d Restock round-robin, from %d"
                        + " clients each waiting for its command's result (sendAndWait). Open loop: %d Restocks at"
                        + " %d/s, latency from each command's scheduled send to its completion, after a first pass"
                        + " of as many not counted. Axon: AsynchronousCommandBus on %d handler threads,"
                        + " EmbeddedEventStore on JdbcEventStorageEngine, Jackson serializer, no snapshots or aggregate"
                        + " cache (Axon's defaults). Events stored: rows in the event table after %d commands"
                        + " accepted. Database: H2's file after shutdown.%n",
                plan.products(), plan.restocks(), plan.clients(), plan.latencyCommands(), plan.ratePerSecond(),
                plan.clients(), result.commandsAccepted()));
        return out.toString();
    }
}
