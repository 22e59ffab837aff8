package io.eventloom.cli.dlq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code eventloom dlq purge}: deletes dead letters from the start of their partitions. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Deletes dead letters for good, with Kafka's deleteRecords: a partition can only lose records"
                + " from its start, so the ids named must be, in each partition, all the dead letters up to the last"
                + " one named. If an earlier one is not named, nothing is purged and it is listed; replay or name it"
                + " too.", "--all purges every dead letter read, never one written after."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:purged (or nothing to purge)",
                "1:refused: earlier dead letters in the same partitions were not named; nothing was purged",
                "2:an id names no dead letter (nothing was purged), or a usage or configuration error",
                "3:Kafka could not be reached"})
final class DlqPurgeCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private DlqCommand dlq;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @ArgGroup(multiplicity = "1")
    private DeadLetterChoice choice;


    @Override
    public Integer call() throws InterruptedException {
        CliContext context = dlq.context();
        PrintWriter err = spec.commandLine().getErr();
        try {
            DeadLetterLog log = dlq.read(context);
            List<DeadLetterId> unknown = new ArrayList<>();
            if (!choice.all()) {
                DlqCommand.find(log, choice.ids(), unknown);
            }
            if (!unknown.isEmpty()) {
                return DlqCommand.unknown(err, unknown, context);
            }
            PurgePlan plan = choice.all() ? PurgePlan.all(log) : PurgePlan.of(log, new HashSet<>(choice.ids()));
            if (!plan.possible()) {
                err.println("Nothing purged: Kafka deletes a partition's records only from its start, and these"
                        + " earlier dead letters were not named: " + plan.inTheWay().stream()
                        .map(letter -> letter.id().toString()).toList());
                return ExitCodes.FOUND;
            }
            if (!plan.deleteBefore().isEmpty()) {
                new DeadLetterPurge(context.kafka(), context.topics().deadLetters()).execute(plan);
            }
            report(plan);
            return ExitCodes.OK;
        } catch (KafkaException e) {
            return DlqCommand.unavailable(err, context, e);
        }
    }

    private void report(PurgePlan plan) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode document = DeadLetterJson.object();
            document.set("purged", DeadLetterJson.ids(plan.purged()));
            out.println(DeadLetterJson.write(document));
        } else {
            plan.purged().forEach(letter -> out.println("purged " + letter.id()));
            out.println(plan.purged().size() + " dead letter(s) purged.");
        }
        out.flush();
    }
}
