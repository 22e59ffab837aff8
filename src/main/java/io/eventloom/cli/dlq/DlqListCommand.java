package io.eventloom.cli.dlq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.core.DeadLetterHandler;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code eventloom dlq list}: one line per dead letter. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists every committed dead letter: its id (partition@offset), where it failed, when, the"
                + " error and the key.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no dead letters", "1:some dead letters", "2:a usage or configuration error",
                "3:Kafka could not be reached"})
final class DlqListCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private DlqCommand dlq;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only those that failed on this topic.")
    private Optional<String> sourceTopic;

    @Override
    public Integer call() {
        CliContext context = dlq.context();
        List<DeadLetter> letters;
        try {
            letters = dlq.read(context).from(sourceTopic);
        } catch (KafkaException e) {
            return DlqCommand.unavailable(spec.commandLine().getErr(), context, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode document = DeadLetterJson.object();
            document.put("topic", context.topics().deadLetters());
            ArrayNode list = document.putArray("deadLetters");
            letters.forEach(letter -> list.add(DeadLetterJson.summary(letter)));
            out.println(DeadLetterJson.write(document));
        } else {
            letters.forEach(letter -> out.println(line(letter)));
            out.println(letters.size() + " dead letter(s) in " + context.topics().deadLetters()
                    + sourceTopic.map(topic -> " from " + topic).orElse("") + ".");
        }
        out.flush();
        return letters.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private static String line(DeadLetter letter) {
        return letter.id() + "  " + letter.source() + "  " + letter.header(DeadLetterHandler.FAILED_AT).orElse("?")
                + "  " + letter.errorClass() + ": " + letter.errorSummary() + "  key=" + letter.keyText();
    }
}
