package io.eventloom.cli.dlq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.cli.Progress;
import io.eventloom.core.DeadLetterHandler;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code eventloom dlq replay}: dead letters back to their source topics, to be processed as new records. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends dead letters back to the topic they failed on, with their key, value and own headers"
                + " (the error headers dropped, eventloom.replayed.from=<id> added), in one Kafka transaction:"
                + " all are replayed or none. The dead letters stay; purge them once the replay is accepted.",
                "Replaying a command twice is harmless: the runtime answers a command id it has seen with its"
                        + " first result."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every chosen dead letter was replayed (or none was chosen)",
                "1:some could not be: their value was left out of the dead letter; the others were replayed",
                "2:an id names no dead letter (nothing was replayed), or a usage or configuration error",
                "3:Kafka could not be reached; nothing was replayed"})
final class DlqReplayCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private DlqCommand dlq;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @ArgGroup(multiplicity = "1")
    private DeadLetterChoice choice;


    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "With --all: only those that failed on"
            + " this topic.")
    private Optional<String> sourceTopic;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = dlq.context();
        PrintWriter err = spec.commandLine().getErr();
        if (!choice.all() && sourceTopic.isPresent()) {
            err.println("--source-topic goes with --all; ids name their dead letters already.");
            return ExitCodes.USAGE;
        }
        List<DeadLetter> chosen;
        List<DeadLetterId> unknown = new ArrayList<>();
        try {
            DeadLetterLog log = dlq.read(context);
            chosen = choice.all() ? log.from(sourceTopic) : DlqCommand.find(log, choice.ids(), unknown);
        } catch (KafkaException e) {
            return DlqCommand.unavailable(err, context, e);
        }
        if (!unknown.isEmpty()) {
            return DlqCommand.unknown(err, unknown, context);
        }
        List<DeadLetter> replayable = chosen.stream().filter(letter -> !letter.valueOmitted()).toList();
        List<DeadLetter> omitted = chosen.stream().filter(DeadLetter::valueOmitted).toList();
        Progress progress = new Progress("replayed", OptionalLong.of(replayable.size()), err);
        try {
            if (!replayable.isEmpty()) {
                new DeadLetterReplay(context.kafka(), context.topics().deadLetters() + ".replay")
                        .send(replayable, progress);
                progress.finish();
            }
        } catch (KafkaException e) {
            err.println("The replay was aborted; nothing of it was committed and the dead letters are unchanged.");
            return DlqCommand.unavailable(err, context, e);
        }
        report(replayable, omitted);
        return omitted.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private void report(List<DeadLetter> replayed, List<DeadLetter> omitted) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode document = DeadLetterJson.object();
            document.set("replayed", DeadLetterJson.ids(replayed));
            document.set("notReplayedValueOmitted", DeadLetterJson.ids(omitted));
            out.println(DeadLetterJson.write(document));
        } else {
            replayed.forEach(letter -> out.println("replayed " + letter.id() + " to " + letter.sourceTopic()
                    + " key=" + letter.keyText()));
            omitted.forEach(letter -> out.println("not replayed " + letter.id() + ": its value was left out of the"
                    + " dead letter (" + letter.header(DeadLetterHandler.VALUE_OMITTED).orElse("")
                    + ")"));
            out.println(replayed.size() + " replayed, " + omitted.size() + " not replayable; the dead letters stay"
                    + " until purged.");
        }
        out.flush();
    }
}
