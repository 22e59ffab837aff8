package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.AggregateType;
import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.ProjectionType;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** What an audit compared, and every difference it found, in one order: for people (text) and scripts (JSON). */
record AuditReport(AuditScope scope, long events, long aggregates, long rows, List<Difference> differences) {

    private static final Comparator<Difference> ORDER = Comparator.comparing(Difference::source)
            .thenComparing(Difference::name)
            .thenComparing(Difference::key, ProjectionQueries.KEY_ORDER);

    AuditReport {
        differences = differences.stream().sorted(ORDER).toList();
    }

    /** 0 when nothing differs, 1 when something does. */
    int exitCode() {
        return differences.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    /** One line per difference, then a summary. */
    void printText(PrintWriter out) {
        differences.forEach(difference -> out.println(difference.line()));
        out.println("Audited " + count(scope.audited().size(), "aggregate type") + " (" + count(aggregates, "aggregate")
                + ") and " + count(scope.projections().size(), "projection") + " (" + count(rows, "row") + ") against "
                + count(events, "event") + ": " + (differences.isEmpty() ? "no difference"
                : count(differences.size(), "difference")) + ".");
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode types = json.putArray("aggregateTypes");
        scope.audited().stream().map(AggregateType::name).forEach(types::add);
        ArrayNode projections = json.putArray("projections");
        scope.projections().stream().map(ProjectionType::name).forEach(projections::add);
        json.putObject("counts")
                .put("events", events)
                .put("aggregates", aggregates)
                .put("rows", rows)
                .put("differences", differences.size());
        ArrayNode list = json.putArray("differences");
        differences.forEach(difference -> list.add(difference.json()));
        return json;
    }
}
