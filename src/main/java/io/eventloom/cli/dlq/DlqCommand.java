package io.eventloom.cli.dlq;

import io.eventloom.app.Main;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code eventloom dlq}: the dead letters, for an operator to look at, replay once fixed, and purge. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Lists, shows, replays and purges the dead letters of <namespace>.dead-letters.",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class, DlqPurgeCommand.class})
public final class DlqCommand {

    @CommandLine.ParentCommand
    private Main parent;

    CliContext context() {
        return CliContext.of(parent.config());
    }

    DeadLetterLog read(CliContext context) {
        return new DeadLetterReader(context.kafka(), context.topics().deadLetters()).read();
    }

    /** The named dead letters in the order given; the ids that name none go to {@code unknown}. */
    static List<DeadLetter> find(DeadLetterLog log, List<DeadLetterId> ids, List<DeadLetterId> unknown) {
        List<DeadLetter> found = new ArrayList<>();
        for (DeadLetterId id : ids) {
            Optional<DeadLetter> letter = log.find(id);
            letter.ifPresentOrElse(found::add, () -> unknown.add(id));
        }
        return found;
    }

    static int unknown(PrintWriter err, List<DeadLetterId> unknown, CliContext context) {
        err.println("No dead letter at " + unknown.stream().map(DeadLetterId::toString).toList() + " in "
                + context.topics().deadLetters() + " (purged, or never there); nothing was done.");
        return ExitCodes.USAGE;
    }

    static int unavailable(PrintWriter err, CliContext context, RuntimeException e) {
        err.println("Cannot reach Kafka at " + context.kafka().bootstrapServers() + ": " + e);
        return ExitCodes.UNAVAILABLE;
    }

    /** Parses {@code partition@offset} on the command line, so a malformed id is a usage error. */
    static final class IdConverter implements CommandLine.ITypeConverter<DeadLetterId> {
        @Override
        public DeadLetterId convert(String value) {
            try {
                return DeadLetterId.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
