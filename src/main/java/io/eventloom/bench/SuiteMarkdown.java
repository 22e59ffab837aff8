package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeerTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** One bench run's report as Markdown: a section per scenario that ran, in run order, then the machine. */
final class SuiteMarkdown {

    static final String TITLE = "# Eventloom benchmark";
    static final String MACHINE = "Machine: ";
    static final String FAILED = "Failed: ";
    static final String APP_SETTINGS = "Eventloom settings beyond the bench's own: ";

    private SuiteMarkdown() {
    }

    static String render(SuiteReport report) {
        List<String> sections = new ArrayList<>();
        sections.add(TITLE + System.lineSeparator() + System.lineSeparator() + "Each figure from this one run;"
                + " Eventloom and the raw Kafka Streams reference each run as their own JVM (" + ChildJvm.MAX_HEAP
                + "), one after the other, on the bench's broker and registry. Compare rows of one run.");
        for (Scenario scenario : Scenario.values()) {
            String failure = report.failures().get(scenario);
            if (failure != null) {
                sections.add("## " + scenario.command() + System.lineSeparator() + System.lineSeparator() + FAILED
                        + failure.replace(System.lineSeparator(), " ") + " (see stderr)");
            }
            section(report, scenario).ifPresent(sections::add);
        }
        sections.add(MACHINE + report.machine().describe() + "; load average when the run started: "
                + report.loadAverage());
        if (!report.plan().appSettings().isEmpty()) {
            sections.add(APP_SETTINGS + new TreeMap<>(report.plan().appSettings()));
        }
        return String.join(System.lineSeparator() + System.lineSeparator(),
                sections.stream().map(String::stripTrailing).toList()) + System.lineSeparator();
    }

    private static Optional<String> section(SuiteReport report, Scenario scenario) {
        return switch (scenario) {
            case THROUGHPUT -> report.throughput().map(ThroughputTable::render);
            case HTTP -> report.http().map(HttpTable::render);
            case LATENCY -> report.latency().map(runs -> LatencyTable.render(report.plan().latency(), runs));
            case MEMORY -> report.memory().map(MemoryTable::render);
            case SAGA -> report.saga().map(SagaTable::render);
            case AXON -> report.axon().map(AxonPeerTable::section);
            case RESTART -> report.restart().map(RestartTable::body);
        };
    }
}
