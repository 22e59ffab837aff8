package io.eventloom.bench;

import io.eventloom.core.RuntimeSettings;

import java.time.Duration;
import java.util.Locale;

/** The restart bench's results as Markdown: the restarts, the load rates and the machine. */
final class RestartTable {

    static final String RESTART_HEADER =
            "| configuration | restart | time to RUNNING (s) | records restored | restore rate (records/s) |";
    static final String LOAD_HEADER =
            "| configuration | commands | every result (s) | load rate (commands/s) | all processed (s) |";
    static final String NO_RATE = "n/a";

    private RestartTable() {
    }

    static String render(RestartReport report) {
        return body(report) + "Machine: " + report.machine().describe() + System.lineSeparator();
    }

    /** The tables and how to read them, without the machine: for a report that describes the machine once. */
    static String body(RestartReport report) {
        RestartPlan plan = report.plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "## Restart after %d events (%d products, %d partitions, exactly-once, commit %d ms)%n%n",
                plan.load().events(), plan.load().aggregates(), plan.partitions(),
                RuntimeSettings.DEFAULT_COMMIT_INTERVAL.toMillis()));
        out.append(RESTART_HEADER).append(System.lineSeparator());
        out.append("|---|---|---:|---:|---:|").append(System.lineSeparator());
        for (ConfigurationResult result : report.results()) {
            for (RestartMeasurement restart : result.restarts()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %d | %s |%n",
                        result.configuration().label(), restart.kind().label(), restart.secondsToRunning(),
                        restart.ready().restoredRecords(), rate(restart)));
            }
        }
        out.append(System.lineSeparator());
        out.append(LOAD_HEADER).append(System.lineSeparator());
        out.append("|---|---:|---:|---:|---:|").append(System.lineSeparator());
        for (ConfigurationResult result : report.results()) {
            LoadMeasurement load = result.load();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f |%n", result.configuration().label(),
                    load.commands(), seconds(load.allResults()), load.commandsPerSecond(),
                    seconds(load.allProcessed())));
        }
        out.append(System.lineSeparator());
        out.append("Time to RUNNING: from the runtime JVM's start. Restore rate: records restored over the time from"
                + " the first restored batch to the last. Load: from the first command sent until every result is"
                + " committed, and until the runtime is idle (projections caught up). Runtimes use static membership"
                + " (group.instance.id), so a restart after kill -9 does not wait for the dead member's session"
                + " timeout.").append(System.lineSeparator());
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String rate(RestartMeasurement restart) {
        return restart.restoreRate().isPresent()
                ? String.format(Locale.ROOT, "%.0f", restart.restoreRate().getAsDouble())
                : NO_RATE;
    }
}
