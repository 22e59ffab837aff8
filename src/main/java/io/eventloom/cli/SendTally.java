package io.eventloom.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each line of a {@code send}: sent, accepted, rejected (with its code), malformed, or failed to
 * send. Results arrive on the producer's and gateway's threads, hence the locking.
 */
public final class SendTally {

    /** A line that did not end accepted, and why: as the operator reads it, {@code line 3: rejected CODE: message}. */
    record Problem(long line, String what) {
    }

    private record Rejection(long line, String code, String message) {
    }

    private final boolean waited;
    private long lines;
    private long sent;
    private long accepted;
    private final Map<String, Long> rejectedByCode = new TreeMap<>();
    private final List<Problem> rejections = new ArrayList<>();
    private final List<Rejection> rejectionDetails = new ArrayList<>();
    private final List<Problem> malformed = new ArrayList<>();
    private final List<Problem> failures = new ArrayList<>();

    /** @param waited whether results were awaited; without them nothing is known as accepted or rejected */
    public SendTally(boolean waited) {
        this.waited = waited;
    }

    public synchronized void malformed(SendLine.Malformed line) {
        lines++;
        malformed.add(new Problem(line.number(), "malformed: " + line.error()));
    }

    public synchronized void sent() {
        lines++;
        sent++;
    }

    public synchronized void answered(long line, CommandResult result) {
        if (result.getStatus() == CommandStatus.ACCEPTED) {
            accepted++;
            return;
        }
        rejectedByCode.merge(result.getRejectionCode(), 1L, Long::sum);
        rejectionDetails.add(new Rejection(line, result.getRejectionCode(), result.getRejectionMessage()));
        rejections.add(new Problem(line, "rejected " + result.getRejectionCode() + ": "
                + result.getRejectionMessage()));
    }

    /** The line could not be sent, or no result came in time: Kafka, the registry or the runtime is not there. */
    public synchronized void failed(long line, Throwable error) {
        failures.add(new Problem(line, "failed: " + error.getClass().getSimpleName() + ": " + error.getMessage()));
    }

    public synchronized int exitCode() {
        if (!failures.isEmpty()) {
            return ExitCodes.UNAVAILABLE;
        }
        return rejections.isEmpty() && malformed.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    /** One line per line that went wrong, in input order, then the summary. */
    public synchronized void printText(PrintWriter out) {
        List<Problem> problems = new ArrayList<>(malformed);
        problems.addAll(rejections);
        problems.addAll(failures);
        problems.sort(Comparator.comparingLong(Problem::line));
        problems.forEach(problem -> out.println("line " + problem.line() + ": " + problem.what()));
        StringBuilder summary = new StringBuilder().append(lines).append(" lines: ").append(sent).append(" sent");
        if (waited) {
            summary.append(", ").append(accepted).append(" accepted, ").append(rejections.size())
                    .append(" rejected").append(rejectedByCode.isEmpty() ? "" : " " + rejectedByCode);
        }
        summary.append(", ").append(malformed.size()).append(" malformed, ").append(failures.size())
                .append(" failed.");
        out.println(summary);
    }

    public synchronized ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("lines", lines)
                .put("sent", sent);
        if (waited) {
            json.put("accepted", accepted);
            ObjectNode byCode = json.putObject("rejected");
            rejectedByCode.forEach(byCode::put);
            rejectionDetails.stream().sorted(Comparator.comparingLong(Rejection::line)).forEach(rejection ->
                    json.withArray("rejections").addObject().put("line", rejection.line())
                            .put("code", rejection.code()).put("message", rejection.message()));
        }
        malformed.forEach(problem -> json.withArray("malformed").addObject().put("line", problem.line())
                .put("error", problem.what()));
        failures.stream().sorted(Comparator.comparingLong(Problem::line)).forEach(problem ->
                json.withArray("failed").addObject().put("line", problem.line()).put("error", problem.what()));
        return json;
    }
}
