package io.eventloom.bench;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the body rows of a Markdown table out of a report, for the smoke tests to check cell by cell. */
final class MarkdownRows {

    private MarkdownRows() {
    }

    // The cells of the body rows of the Markdown table under the header: after the |---| line, until a blank line.
    static List<List<String>> under(List<String> lines, String header) {
        int start = lines.indexOf(header);
        assertThat(start).as("table with header %s in:%n%s", header, String.join("\n", lines)).isNotNegative();
        return lines.subList(start + 2, lines.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                        .toList())
                .toList();
    }
}
