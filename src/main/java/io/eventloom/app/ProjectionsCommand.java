package io.eventloom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionType;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** {@code eventloom projections}: the read models' generations, and rebuilding one beside the one that is read. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "Lists the projections with the generation each is read from, and rebuilds one.",
        subcommands = {ProjectionsCommand.ListCommand.class, ProjectionRebuildCommand.class})
final class ProjectionsCommand {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.ParentCommand
    private Main parent;

    CliContext context() {
        return CliContext.of(parent.config());
    }

    EventloomConfig config() {
        return parent.config();
    }

    static int unavailable(PrintWriter err, CliContext context, Throwable e) {
        err.println("Cannot reach Kafka at " + context.kafka().bootstrapServers() + ": " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
    }

    /** {@code eventloom projections list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prints each projection with the generation it is read from and the one being built.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:listed", "3:Kafka could not be reached"})
    static final class ListCommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        private ProjectionsCommand parent;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private OutputOption output;

        @Override
        public Integer call() {
            CliContext context = parent.context();
            Map<String, ProjectionGeneration> states;
            try {
                states = ProjectionGenerationLog.read(context.kafka(), context.topics().projectionGenerations(),
                        KAFKA_TIMEOUT);
            } catch (TimeoutException | KafkaException e) {
                return unavailable(spec.commandLine().getErr(), context, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            for (ProjectionType<?> projection : context.domain().projections()) {
                ProjectionGeneration state = states.getOrDefault(projection.name(), ProjectionGeneration.BUILT_IN);
                if (output.json()) {
                    ObjectNode entry = json.withArray("projections").addObject().put("name", projection.name())
                            .put("live", state.live());
                    state.building().ifPresentOrElse(building -> entry.put("building", building),
                            () -> entry.putNull("building"));
                } else {
                    out.println(projection.name() + ": generation " + state.live()
                            + state.building().stream().mapToObj(b -> ", building generation " + b).findFirst()
                            .orElse(""));
                }
            }
            if (output.json()) {
                out.println(json.toPrettyString());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
