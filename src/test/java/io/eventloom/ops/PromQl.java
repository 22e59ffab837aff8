package io.eventloom.ops;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression reads: the identifiers that are neither functions (followed by {@code (}),
 * nor keywords and aggregations, nor label names (in braces, or in a {@code by}/{@code on}/... list), nor inside
 * strings, ranges ({@code [5m]}) or Grafana variables ({@code $__rate_interval}). Enough for the expressions of a
 * dashboard and an alert file, not a parser of the whole language.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            // aggregations, which may be followed by "by (...)" rather than "("
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            // binary operators, modifiers and literals
            "and", "or", "unless", "atan2", "bool", "offset", "inf", "nan");
    /** Keywords followed by a list of label names in parentheses. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        String text = expression;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
            } else if (c == '{') {
                i = afterClosing(text, i, '}');
            } else if (c == '[') {
                i = afterClosing(text, i, ']');
            } else if (c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '$') {
                // A Grafana variable: $name or ${name}.
                boolean braced = i + 1 < text.length() && text.charAt(i + 1) == '{';
                i = braced ? afterClosing(text, i + 1, '}') : afterName(text, i + 1);
            } else if (Character.isDigit(c) || c == '.') {
                // A number or a duration (0.99, 1e3, 5m, 1h30m).
                i = afterNumber(text, i);
            } else if (isNameStart(c)) {
                int end = afterName(text, i);
                String word = text.substring(i, end);
                int next = skipSpaces(text, end);
                boolean call = next < text.length() && text.charAt(next) == '(';
                if (LABEL_LISTS.contains(word)) {
                    i = call ? afterClosing(text, next, ')') : next;
                    continue;
                }
                if (!call && !KEYWORDS.contains(word)) {
                    names.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static int afterName(String text, int from) {
        int i = from;
        while (i < text.length() && (isNameStart(text.charAt(i)) || Character.isDigit(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static int afterNumber(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the quote that closes the string opening at {@code from}; backslashes escape. */
    private static int afterString(String text, int from) {
        char quote = text.charAt(from);
        int i = from + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** The index after {@code close} matching the bracket at {@code from}, strings inside skipped. */
    private static int afterClosing(String text, int from, char close) {
        char open = text.charAt(from);
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
