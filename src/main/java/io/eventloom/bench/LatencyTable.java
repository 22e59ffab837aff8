package io.eventloom.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The open-loop latency scenario as Markdown: per commit interval, rate and round, the raw reference's percentiles,
 * then Eventloom's with the ratios to the reference of its round; "cannot keep up" where the backlog grew, since
 * percentiles of a growing queue only say how long the run lasted. With several rounds, a second table gives each
 * ratio's median and range over the rounds.
 */
final class LatencyTable {

    static final String HEADING = "## Open-loop latency";
    static final String[] HEADERS = {"commit (ms)", "rate (/s)", "round", "system", "p50 (ms)", "p99 (ms)",
        "p99.9 (ms)", "max (ms)", "backlog growth", "p50 Eventloom/raw", "p99 Eventloom/raw"};
    static final String[] ROUNDS_HEADERS = {"commit (ms)", "rate (/s)", "rounds", "p50 Eventloom/raw (median)",
        "p50 Eventloom/raw (lowest, highest)", "p99 Eventloom/raw (median)", "p99 Eventloom/raw (lowest, highest)"};
    static final String CANNOT_KEEP_UP = "cannot keep up";

    private LatencyTable() {
    }

    static String render(LatencyPlan plan, List<LatencyRun> runs) {
        MarkdownTable table = new MarkdownTable(4, HEADERS);
        runs.stream().sorted(Comparator.comparing(LatencyRun::commitInterval).reversed()
                        .thenComparingInt(LatencyRun::rate).thenComparingInt(LatencyRun::round)
                        .thenComparing(LatencyRun::system))
                .forEach(run -> table.row(row(run, reference(runs, run))));
        String section = MarkdownTable.section(HEADING, String.format(Locale.ROOT, "Restocks over %d products sent"
                + " on a fixed schedule whatever the answers; latency from each command's scheduled send to its"
                + " result on a read_committed consumer, matched by command id; the first %d s of each run not"
                + " counted, then %d s measured. Backlog growth: commands sent but not answered, last third of the"
                + " measured window less the first third (a steady system holds rate × latency); more than a"
                + " second's worth is \"%s\". Each round starts the raw reference, then Eventloom, afresh; a ratio"
                + " is to the reference of its round.",
                plan.products(), plan.warmup().toSeconds(), plan.measured().toSeconds(), CANNOT_KEEP_UP), table);
        if (plan.rounds() == 1) {
            return section;
        }
        return section + System.lineSeparator() + "Over the rounds, each ratio's median and range (rounds where both"
                + " kept up):" + System.lineSeparator() + System.lineSeparator() + overRounds(plan, runs);
    }

    private static MarkdownTable overRounds(LatencyPlan plan, List<LatencyRun> runs) {
        MarkdownTable table = new MarkdownTable(2, ROUNDS_HEADERS);
        for (Duration commitInterval : plan.commitIntervals().stream().sorted(Comparator.reverseOrder()).toList()) {
            for (int rate : plan.rates().stream().sorted().toList()) {
                List<LatencyRun> compared = runs.stream()
                        .filter(run -> run.system() == SystemUnderTest.EVENTLOOM && run.keptUp()
                                && run.rate() == rate && run.commitInterval().equals(commitInterval)
                                && reference(runs, run).isPresent())
                        .toList();
                List<Double> p50 = sortedRatios(runs, compared, LatencySummary::p50);
                List<Double> p99 = sortedRatios(runs, compared, LatencySummary::p99);
                table.row(String.valueOf(commitInterval.toMillis()), String.valueOf(rate),
                        String.valueOf(compared.size()), median(p50), range(p50), median(p99), range(p99));
            }
        }
        return table;
    }

    // Each Eventloom run's percentile over its round's reference, where there is one to divide by.
    private static List<Double> sortedRatios(List<LatencyRun> runs, List<LatencyRun> eventloomRuns,
                                             ToDoubleFunction<LatencySummary> percentile) {
        return eventloomRuns.stream()
                .flatMapToDouble(run -> reference(runs, run).stream().flatMapToDouble(raw -> ratio(
                        percentile.applyAsDouble(run.latency()), percentile.applyAsDouble(raw.latency())).stream()))
                .sorted().boxed().toList();
    }

    private static String median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return MarkdownTable.NOT_APPLICABLE;
        }
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return MarkdownTable.decimal(median, 2);
    }

    private static String range(List<Double> sorted) {
        return sorted.isEmpty() ? MarkdownTable.NOT_APPLICABLE : MarkdownTable.decimal(sorted.get(0), 2) + ", "
                + MarkdownTable.decimal(sorted.get(sorted.size() - 1), 2);
    }

    private static String[] row(LatencyRun run, Optional<LatencyRun> reference) {
        String[] labels = {String.valueOf(run.commitInterval().toMillis()), String.valueOf(run.rate()),
            String.valueOf(run.round()), run.system().label()};
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
            p50Ratio = formatted(reference.stream().flatMapToDouble(raw -> ratio(latency.p50(),
                    raw.latency().p50()).stream()).findFirst());
            p99Ratio = formatted(reference.stream().flatMapToDouble(raw -> ratio(latency.p99(),
                    raw.latency().p99()).stream()).findFirst());
        }
        return join(labels, millis(latency.p50()), millis(latency.p99()), millis(latency.p999()),
                millis(latency.max()), growth, p50Ratio, p99Ratio);
    }

    // The raw run at the same commit interval, rate and round, when it kept up: a ratio to a run that did not means
    // nothing.
    private static Optional<LatencyRun> reference(List<LatencyRun> runs, LatencyRun run) {
        return runs.stream().filter(other -> other.system() == SystemUnderTest.RAW && other.keptUp()
                && other.rate() == run.rate() && other.commitInterval().equals(run.commitInterval())
                && other.round() == run.round()).findFirst();
    }

    // A reference with no latency to divide by (nothing measured) gives no ratio.
    private static OptionalDouble ratio(double eventloom, double raw) {
        return raw > 0 ? OptionalDouble.of(eventloom / raw) : OptionalDouble.empty();
    }

    private static String formatted(OptionalDouble ratio) {
        return ratio.isPresent() ? MarkdownTable.decimal(ratio.getAsDouble(), 2) : MarkdownTable.NOT_APPLICABLE;
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
