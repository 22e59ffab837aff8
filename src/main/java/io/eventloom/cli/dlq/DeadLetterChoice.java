package io.eventloom.cli.dlq;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** Which dead letters a command acts on: the ids named, or {@code --all}. */
final class DeadLetterChoice {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "partition@offset, as list prints it.",
            converter = DlqCommand.IdConverter.class)
    private List<DeadLetterId> ids;

    @Option(names = "--all", required = true, description = "Every dead letter read when the command starts.")
    private boolean all;

    boolean all() {
        return all;
    }

    List<DeadLetterId> ids() {
        return ids;
    }
}
