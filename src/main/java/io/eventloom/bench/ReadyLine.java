package io.eventloom.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link RuntimeProcess} reports on stdout once Kafka Streams is RUNNING: milliseconds since its JVM
 * started, and how many changelog records it restored in how long. One line, written and parsed here only.
 */
record ReadyLine(long runningAfterMillis, long restoredRecords, long restoreMillis) {

    private static final Pattern LINE = Pattern.compile(
            "^RUNNING after (\\d+) ms, restored (\\d+) records in (\\d+) ms$");

    String format() {
        return "RUNNING after " + runningAfterMillis + " ms, restored " + restoredRecords + " records in "
                + restoreMillis + " ms";
    }

    /** The report in this line, or empty when the line is something else (a log line). */
    static Optional<ReadyLine> parse(String line) {
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReadyLine(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3))));
    }
}
