package io.eventloom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

    private enum Kind { MALFORMED, REJECTED, FAILED }

    /** A line that did not end accepted; {@code code} is the rejection code, for rejections only. */
    private record Problem(long line, Kind kind, String code, String message) {

        String text() {
            return switch (kind) {
                case MALFORMED -> "malformed: " + message;
                case REJECTED -> "rejected " + code + ": " + message;
                case FAILED -> "failed: " + message;
            };
        }
    }

    private final boolean waited;
    private long lines;
    private long sent;
    private long accepted;
    private final Map<String, Long> rejectedByCode = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();

    /** @param waited whether results were awaited; without them nothing is known as accepted or rejected */
    public SendTally(boolean waited) {
        this.waited = waited;
    }

    public synchronized void malformed(SendLine.Malformed line) {
        lines++;
        problems.add(new Problem(line.number(), Kind.MALFORMED, null, line.error()));
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
        problems.add(new Problem(line, Kind.REJECTED, result.getRejectionCode(), result.getRejectionMessage()));
    }

    /** The line could not be sent, or no result came in time: Kafka, the registry or the runtime is not there. */
    public synchronized void failed(long line, Throwable error) {
        problems.add(new Problem(line, Kind.FAILED, null, error.getClass().getSimpleName() + ": "
                + error.getMessage()));
    }

    public synchronized int exitCode() {
        if (count(Kind.FAILED) > 0) {
            return ExitCodes.UNAVAILABLE;
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    /** One line per line that went wrong, in input order, then the summary. */
    public synchronized void printText(PrintWriter out) {
        inOrder().forEach(problem -> out.println("line " + problem.line() + ": " + problem.text()));
        StringBuilder summary = new StringBuilder().append(lines).append(" lines: ").append(sent).append(" sent");
        if (waited) {
            summary.append(", ").append(accepted).append(" accepted, ").append(count(Kind.REJECTED))
                    .append(" rejected").append(rejectedByCode.isEmpty() ? "" : " " + rejectedByCode);
        }
        summary.append(", ").append(count(Kind.MALFORMED)).append(" malformed, ").append(count(Kind.FAILED))
                .append(" failed.");
        out.println(summary);
    }

    public synchronized ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("lines", lines).put("sent", sent);
        if (waited) {
            json.put("accepted", accepted);
            ObjectNode byCode = json.putObject("rejected");
            rejectedByCode.forEach(byCode::put);
        }
        ArrayNode rejections = json.putArray("rejections");
        ArrayNode malformed = json.putArray("malformed");
        ArrayNode failed = json.putArray("failed");
        for (Problem problem : inOrder()) {
            switch (problem.kind()) {
                case REJECTED -> rejections.addObject().put("line", problem.line()).put("code", problem.code())
                        .put("message", problem.message());
                case MALFORMED -> malformed.addObject().put("line", problem.line()).put("error", problem.message());
                case FAILED -> failed.addObject().put("line", problem.line()).put("error", problem.message());
            }
        }
        return json;
    }

    private List<Problem> inOrder() {
        return problems.stream().sorted(Comparator.comparingLong(Problem::line)).toList();
    }

    private long count(Kind kind) {
        return problems.stream().filter(problem -> problem.kind() == kind).count();
    }
}
