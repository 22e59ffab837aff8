package io.eventloom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.cli.Progress;
import io.eventloom.core.ProjectionType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code eventloom projections rebuild NAME}: every instance builds the next generation of the projection from the
 * first event, beside the one it reads; once that generation has read everything there is, reads switch to it on
 * every instance and the generation before is removed.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuilds a projection from the events beside the one that is read, switches reads to it once"
                + " it has caught up (lag 0), and removes the old one. The running instances do the work; this"
                + " command starts it, shows its progress and makes the switch. Run it again to go on waiting for"
                + " a rebuild already started.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:switched to the rebuilt generation", "1:not caught up within --timeout (it goes on)",
                "2:a usage error: no such projection", "3:Kafka could not be reached"})
final class ProjectionRebuildCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private ProjectionsCommand parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @Parameters(index = "0", paramLabel = "NAME", description = "The projection to rebuild.")
    private String name;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long to wait for the new generation to catch up (ISO-8601, default PT30M).")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = parent.context();
        ProjectionType<?> projection = context.domain().projections().stream()
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "No projection '" + name
                        + "'; known: " + context.domain().projections().stream().map(ProjectionType::name).toList()));
        PrintWriter err = spec.commandLine().getErr();
        try (Admin admin = Admin.create(context.kafka().admin("projections", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ProjectionsCommand.KAFKA_TIMEOUT.toMillis())))) {
            ProjectionRebuild rebuild = new ProjectionRebuild(context.kafka(), admin, context.topics(),
                    parent.config().require(EventloomConfig.APPLICATION_ID), projection,
                    ProjectionsCommand.KAFKA_TIMEOUT);
            Instant began = Instant.now();
            ProjectionRebuild.Started started = rebuild.start();
            err.println(started.resumed()
                    ? "Generation " + started.generation() + " of " + name + " is being built already: waiting for it."
                    : "Building generation " + started.generation() + " of " + name + " beside generation "
                            + started.previous() + ", which is read until the new one has caught up.");
            Progress progress = new Progress("rebuild " + name, OptionalLong.empty(), err);
            Optional<ProjectionRebuild.Finished> finished = rebuild.finish(started, timeout,
                    position -> progress.moveTo(position.done(), position.total()));
            progress.finish();
            if (finished.isEmpty()) {
                err.println("Generation " + started.generation() + " of " + name + " has not caught up within "
                        + timeout + "; it goes on building on the instances. Run this command again to go on waiting.");
                return ExitCodes.FOUND;
            }
            print(started, finished.get(), Duration.between(began, Instant.now()));
            return ExitCodes.OK;
        } catch (TimeoutException | KafkaException e) {
            return ProjectionsCommand.unavailable(err, context, e);
        } catch (ExecutionException e) {
            return ProjectionsCommand.unavailable(err, context, e.getCause());
        }
    }

    private void print(ProjectionRebuild.Started started, ProjectionRebuild.Finished finished, Duration took) {
        long read = finished.offsetsRead();
        String removed = finished.previous();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("projection", name)
                    .put("live", started.generation()).put("previous", started.previous()).put("offsetsRead", read)
                    .put("seconds", took.toMillis() / 1000.0).put("previousGeneration", removed);
            out.println(json.toPrettyString());
        } else {
            out.println(name + ": generation " + started.generation() + " is read now (" + read + " offsets read in "
                    + took.toSeconds() + " s); " + removed + ".");
        }
        out.flush();
    }
}
