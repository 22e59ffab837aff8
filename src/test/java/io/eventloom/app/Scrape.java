package io.eventloom.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape of {@code /metrics} in Prometheus' text format, as samples: a name, its labels and a value. */
record Scrape(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Scrape(samples);
    }

    /** The samples of this name whose labels include every pair given ({@code "type", "product", …}). */
    List<Sample> all(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && has(sample, labels)).toList();
    }

    /** The one sample of this name with these labels; fails when there is none or more than one. */
    double value(String name, String... labels) {
        List<Sample> found = all(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.get(0).value();
    }

    /** The one sample's value, or 0 when there is none yet (a counter not counted yet has no series). */
    double count(String name, String... labels) {
        return all(name, labels).isEmpty() ? 0 : value(name, labels);
    }

    private static boolean has(Sample sample, String[] labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    // name{label="value",…} value, where a label value may hold escaped quotes and backslashes.
    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), labels, number(line.substring(space + 1)));
        }
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals);
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (line.charAt(j) != '"') {
                if (line.charAt(j) == '\\') {
                    j++;
                    value.append(line.charAt(j) == 'n' ? '\n' : line.charAt(j));
                } else {
                    value.append(line.charAt(j));
                }
                j++;
            }
            labels.put(label, value.toString());
            i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
        }
        return new Sample(line.substring(0, brace), labels, number(line.substring(space + 1)));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
