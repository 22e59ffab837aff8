package io.eventloom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.GroupRewind;
import io.eventloom.cli.OutputOption;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** {@code eventloom replay --from TIME --group G}: a stopped downstream consumer group reads again from a time. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Moves a stopped consumer group's committed offsets back to the first record at or after a"
                + " time, and prints per partition how many offsets it will read again. Offsets only move back;"
                + " the group must have no active members.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:moved (or, with --dry-run, planned)", "1:refused: the group has active members",
                "2:a usage error: a bad time, or no topics to rewind", "3:Kafka could not be reached"})
final class ReplayCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.ParentCommand
    private Main parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "ISO-8601 time with offset, e.g. 2026-11-25T08:00:00Z.")
    private String from;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The consumer group to rewind.")
    private String group;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "A topic to rewind; repeatable (default: every topic the group has committed on).")
    private List<String> topics = List.of();

    @Option(names = "--dry-run", description = "Print what would move, and move nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        Instant time = time();
        CliContext context = CliContext.of(parent.config());
        PrintWriter err = spec.commandLine().getErr();
        try (Admin admin = Admin.create(context.kafka().admin("replay", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())))) {
            GroupRewind rewind = new GroupRewind(admin, TIMEOUT);
            GroupRewind.Plan plan = rewind.plan(group, time, topics);
            if (!dryRun) {
                rewind.apply(plan);
            }
            print(plan);
            return ExitCodes.OK;
        } catch (GroupRewind.ActiveGroupException e) {
            err.println("Refused: " + e.getMessage());
            return ExitCodes.FOUND;
        } catch (GroupRewind.NothingToRewindException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                err.println("Refused: group '" + group + "' gained a member while moving: "
                        + e.getCause().getMessage());
                return ExitCodes.FOUND;
            }
            err.println("Kafka at " + context.kafka().bootstrapServers() + " failed: " + e.getCause());
            return ExitCodes.UNAVAILABLE;
        } catch (TimeoutException e) {
            err.println("Kafka at " + context.kafka().bootstrapServers() + " did not answer within " + TIMEOUT);
            return ExitCodes.UNAVAILABLE;
        }
    }

    private Instant time() {
        try {
            return OffsetDateTime.parse(from).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from: '" + from
                    + "' is not an ISO-8601 time with offset, e.g. 2026-11-25T08:00:00Z");
        }
    }

    private void print(GroupRewind.Plan plan) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("group", group)
                    .put("from", plan.from().toString()).put("dryRun", dryRun).put("total", plan.total());
            plan.moves().forEach(move -> {
                ObjectNode partition = json.withArray("partitions").addObject()
                        .put("topic", move.partition().topic()).put("partition", move.partition().partition());
                move.committed().ifPresentOrElse(offset -> partition.put("committed", offset),
                        () -> partition.putNull("committed"));
                partition.put("offset", move.target()).put("replayed", plan.replayed(move));
            });
            out.println(json.toPrettyString());
        } else {
            plan.moves().forEach(move -> out.println(move.partition() + ": "
                    + move.committed().map(String::valueOf).orElse("none committed") + " -> " + move.target()
                    + ", " + plan.replayed(move) + " to replay"));
            out.println((dryRun ? "Would rewind" : "Rewound") + " group '" + group + "' to " + plan.from() + ": "
                    + plan.total() + " to replay in " + plan.moves().size() + " partitions.");
        }
        out.flush();
    }
}
