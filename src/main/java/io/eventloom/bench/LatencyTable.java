package io.eventloom.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The open-loop latency scenario as Markdown: per commit interval and rate, the raw reference's percentiles, then
 * Eventloom's with the ratios to the reference; "cannot keep up" where the backlog grew, since percentiles of a
 * growing queue only say how long the run lasted.
 */
final class LatencyTable {

    static final String HEADING = "## Open-loop latency";
    static final String[] HEADERS = {"commit (ms)", "rate (/s)", "system", "p50 (ms)", "p99 (ms)", "p99.9 (ms)",
        "max (ms)", "backlog growth", "p50 Eventloom/raw", "p99 Eventloom/raw"};
    static final String CANNOT_KEEP_UP = "cannot keep up";

    private LatencyTable() {
    }

    static String render(LatencyPlan plan, List<LatencyRun> runs) {
        MarkdownTable table = new MarkdownTable(3, HEADERS);
        runs.stream().sorted(Comparator.comparing(LatencyRun::commitInterval).reversed()
                        .thenComparingInt(LatencyRun::rate).thenComparing(LatencyRun::system))
                .forEach(run -> table.row(row(run, reference(runs, run))));
        return MarkdownTable.section(HEADING, String.format(Locale.ROOT, "Restocks over %d products sent on a fixed"
                + " schedule whatever the answers; latency from each command's scheduled send to its result on a"
                + " read_committed consumer, matched by command id; the first %d s of each run not counted, then %d s"
                + " measured. Backlog growth: commands sent but not answered, last third of the measured window"
                + " less the first third (a steady system holds rate × latency); more than a second's worth is"
                + " \"%s\".",
                plan.products(), plan.warmup().toSeconds(), plan.measured().toSeconds(), CANNOT_KEEP_UP), table);
    }

    private static String[] row(LatencyRun run, Optional<LatencyRun> reference) {
        String[] labels = {String.valueOf(run.commitInterval().toMillis()), String.valueOf(run.rate()),
            run.system().label()};
        String growth = MarkdownTable.whole(run.backlogGrowth());
        if (!run.keptUp()) {
            return join(labels, CANNOT_KEEP_UP, CANNOT_KEEP_UP, CANNOT_KEEP_UP, CANNOT_KEEP_UP, growth,
                    MarkdownTable.NOT_APPLICABLE, MarkdownTable.NOT_APPLICABLE);
        }
        LatencySummary latency = run.latency();
        String p50Ratio;
        String p99Ratio;
        if (run.system() == SystemUnderTest.RAW) {
            p50Ratio = ThroughputTable.REFERENCE;
            p99Ratio = ThroughputTable.REFERENCE;
        } else {
            p50Ratio = reference.map(raw -> ratio(latency.p50(), raw.latency().p50()))
                    .orElse(MarkdownTable.NOT_APPLICABLE);
            p99Ratio = reference.map(raw -> ratio(latency.p99(), raw.latency().p99()))
                    .orElse(MarkdownTable.NOT_APPLICABLE);
        }
        return join(labels, millis(latency.p50()), millis(latency.p99()), millis(latency.p999()),
                millis(latency.max()), growth, p50Ratio, p99Ratio);
    }

    // The raw run at the same commit interval and rate, when it kept up: a ratio to a run that did not means nothing.
    private static Optional<LatencyRun> reference(List<LatencyRun> runs, LatencyRun run) {
        return runs.stream().filter(other -> other.system() == SystemUnderTest.RAW && other.keptUp()
                && other.rate() == run.rate() && other.commitInterval().equals(run.commitInterval())).findFirst();
    }

    private static String ratio(double eventloom, double raw) {
        return raw > 0 ? MarkdownTable.decimal(eventloom / raw, 2) : MarkdownTable.NOT_APPLICABLE;
    }

    private static String millis(double value) {
        return MarkdownTable.decimal(value, 1);
    }

    private static String[] join(String[] labels, String... figures) {
        String[] cells = new String[labels.length + figures.length];
        System.arraycopy(labels, 0, cells, 0, labels.length);
        System.arraycopy(figures, 0, cells, labels.length, figures.length);
        return cells;
    }
}
