package io.eventloom.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}: text for people, one JSON document for scripts. */
public final class OutputOption {

    /** How a command prints what it found. */
    public enum Format { TEXT, JSON }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "TEXT",
            description = "text (default) or json, for scripts.", converter = FormatConverter.class)
    private Format format;

    public boolean json() {
        return format == Format.JSON;
    }

    /** Accepts text or json in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
