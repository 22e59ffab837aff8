package io.eventloom.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The HTTP scenario as Markdown: per number in flight, the rate, the latencies, the failures and the probe. */
final class HttpTable {

    static final String HEADING = "## HTTP throughput";
    static final String[] HEADERS = {"in flight", "requests", "requests/s", "p50 (ms)", "p99 (ms)", "failed",
        "/health/live worst (ms)", "/health/live not 200", "GET /health/live alone (requests/s)",
        "Restock / alone"};
    static final String NONE = "none";

    private HttpTable() {
    }

    static String render(HttpResult result) {
        HttpPlan plan = result.plan();
        MarkdownTable table = new MarkdownTable(1, HEADERS);
        for (HttpResult.Level level : result.levels()) {
            table.row(String.valueOf(level.inFlight()), String.valueOf(level.requests()),
                    MarkdownTable.whole(level.rate().perSecond()), MarkdownTable.decimal(level.latency().p50(), 1),
                    MarkdownTable.decimal(level.latency().p99(), 1), failures(level.failures()),
                    String.valueOf(level.health().worst().toMillis()), String.valueOf(level.health().failures()),
                    reference(level.reference()),
                    MarkdownTable.decimal(level.rate().perSecond() / level.reference().rate().perSecond(), 2));
        }
        return MarkdownTable.section(HEADING, String.format(Locale.ROOT, "Restock requests (POST"
                + " /api/product/{id}/Restock) over %d products with a fixed number in flight, Jetty's client over"
                + " HTTP/1.1 (a connection per request in flight), after %d uncounted requests; latency from sending"
                + " to the answer. Failed: answers other than 200, by status (\"%s\": no HTTP answer, with the client's"
                + " innermost error). Meanwhile GET /health/live every %d ms on a connection of its own. Then, as the"
                + " reference, as many GET /health/live with as many in flight, from the same client to the same"
                + " server: what HTTP alone costs on this machine, and the Restock rate as a share of it.",
                plan.products(),
                plan.warmupRequests(), ClosedLoopHttp.NO_ANSWER, HealthProbe.INTERVAL.toMillis()), table);
    }

    // The rate, with the answers other than 200 after it: a reference that failed is no ceiling.
    private static String reference(ClosedLoopHttp.Outcome reference) {
        String rate = MarkdownTable.whole(reference.rate().perSecond());
        return reference.failures().isEmpty() ? rate : rate + " (failed " + failures(reference.failures()) + ")";
    }

    // "none", or each status with its count: "504: 12, no answer: 3".
    static String failures(Map<String, Long> failures) {
        if (failures.isEmpty()) {
            return NONE;
        }
        return failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
