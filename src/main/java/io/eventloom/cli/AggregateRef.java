package io.eventloom.cli;

import picocli.CommandLine.Parameters;

/** {@code TYPE ID}: the aggregate a command reads. */
public final class AggregateRef {

    @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type, e.g. product.")
    private String type;

    @Parameters(index = "1", paramLabel = "ID", description = "The aggregate's id.")
    private String id;

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }
}
