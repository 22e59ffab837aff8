package io.eventloom.cli.dlq;

import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code eventloom dlq show ID}: one dead letter in full. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one dead letter in full: every header, the error with its stack trace, and the value"
                + " as JSON when it is Confluent wire format the registry can decode, else as hex.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:shown", "2:no dead letter has that id, or a usage or configuration error",
                "3:Kafka could not be reached"})
final class DlqShowCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private DlqCommand dlq;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @Parameters(paramLabel = "ID", description = "partition@offset, as list prints it.",
            converter = DlqCommand.IdConverter.class)
    private DeadLetterId id;

    @Override
    public Integer call() {
        CliContext context = dlq.context();
        PrintWriter err = spec.commandLine().getErr();
        List<DeadLetterId> unknown = new ArrayList<>();
        List<DeadLetter> found;
        try {
            found = DlqCommand.find(dlq.read(context), List.of(id), unknown);
        } catch (KafkaException e) {
            return DlqCommand.unavailable(err, context, e);
        }
        if (!unknown.isEmpty()) {
            return DlqCommand.unknown(err, unknown, context);
        }
        DeadLetter letter = found.get(0);
        ValueText value = ValueText.of(letter.value(), context.registry());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(DeadLetterJson.write(DeadLetterJson.full(letter, value)));
        } else {
            print(out, letter, value);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DeadLetter letter, ValueText value) {
        out.println("Dead letter " + letter.id() + " from " + letter.source());
        out.println("Key: " + letter.keyText());
        out.println("Headers:");
        for (Header header : letter.headers()) {
            String text = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            out.println("  " + header.key() + ": " + text.replace("\n", "\n    "));
        }
        out.println("Value (" + value.format() + (value.undecodedBecause().isEmpty() ? ""
                : ", not decoded: " + value.undecodedBecause()) + "):");
        out.println(value.text());
    }
}
