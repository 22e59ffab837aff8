package io.eventloom.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A Markdown table, built row by row: a label column on the left, the rest right-aligned figures or words. */
final class MarkdownTable {

    /** A cell for a figure that was not measured or makes no sense here. */
    static final String NOT_APPLICABLE = "n/a";

    private final List<String> headers;
    private final int labelColumns;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(int labelColumns, String... headers) {
        this.headers = List.of(headers);
        this.labelColumns = labelColumns;
    }

    MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The header line of a table with these headers, as a reader looks for it. */
    static String header(String... headers) {
        return line(List.of(headers));
    }

    /** A report section: its heading, a paragraph on what was measured and how, then the table. */
    static String section(String heading, String description, MarkdownTable table) {
        return heading + System.lineSeparator() + System.lineSeparator() + description + System.lineSeparator()
                + System.lineSeparator() + table;
    }

    /** A whole number, plainly (no grouping, so scripts read it too). */
    static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(line(headers)).append(System.lineSeparator());
        List<String> alignment = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            alignment.add(i < labelColumns ? "---" : "---:");
        }
        out.append("|").append(String.join("|", alignment)).append("|").append(System.lineSeparator());
        rows.forEach(row -> out.append(line(row)).append(System.lineSeparator()));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |"));
    }
}
