package io.eventloom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.GroupCatchUp;
import io.eventloom.cli.OutputOption;
import io.eventloom.cli.Progress;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

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

    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(60);

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
        String applicationId = parent.config().require(EventloomConfig.APPLICATION_ID);
        String topic = context.topics().projectionGenerations();
        PrintWriter err = spec.commandLine().getErr();
        try (Admin admin = Admin.create(context.kafka().admin("projections", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ProjectionsCommand.KAFKA_TIMEOUT.toMillis())))) {
            ProjectionGeneration before = ProjectionGenerationLog.read(context.kafka(), topic,
                    ProjectionsCommand.KAFKA_TIMEOUT).getOrDefault(name, ProjectionGeneration.BUILT_IN);
            ProjectionGeneration building = before.building().isPresent() ? before : before.withNextBuilding();
            int generation = building.building().getAsInt();
            if (before.building().isPresent()) {
                err.println("Generation " + generation + " of " + name + " is being built already: waiting for it.");
            } else {
                ProjectionGenerationLog.write(context.kafka(), topic, name, building, ProjectionsCommand.KAFKA_TIMEOUT);
                err.println("Building generation " + generation + " of " + name + " beside generation "
                        + before.live() + ", which is read until the new one has caught up.");
            }
            String buildId = ProjectionGeneration.applicationId(applicationId, name, generation);
            Set<String> sources = projection.withEverythingBuiltFrom().stream()
                    .map(ProjectionType::definition)
                    .filter(ProjectionType.Fold.class::isInstance)
                    .map(fold -> context.topics().events(((ProjectionType.Fold<?>) fold).aggregateType()))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            Instant started = Instant.now();
            GroupCatchUp catchUp = new GroupCatchUp(admin, ProjectionsCommand.KAFKA_TIMEOUT);
            OptionalLong read = awaitCaughtUp(catchUp, buildId, sources, err);
            if (read.isEmpty()) {
                err.println("Generation " + generation + " of " + name + " has not caught up within " + timeout
                        + "; it goes on building on the instances. Run this command again to go on waiting.");
                return ExitCodes.FOUND;
            }
            ProjectionGenerationLog.write(context.kafka(), topic, name, building.switched(),
                    ProjectionsCommand.KAFKA_TIMEOUT);
            Duration took = Duration.between(started, Instant.now());
            String removed = before.live() > 1
                    ? removeGeneration(admin, catchUp, ProjectionGeneration.applicationId(applicationId, name,
                            before.live()))
                    : "generation 1 is part of the runtime's own topology: no longer read, it is kept by it";
            print(generation, before.live(), read.getAsLong(), took, removed);
            return ExitCodes.OK;
        } catch (TimeoutException | KafkaException | ExecutionException e) {
            return ProjectionsCommand.unavailable(err, context, e instanceof ExecutionException ? (Exception) e.getCause()
                    : e);
        }
    }

    /** The offsets read once caught up, or empty when the timeout came first. */
    private OptionalLong awaitCaughtUp(GroupCatchUp catchUp, String buildId, Set<String> sources, PrintWriter err)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Progress progress = new Progress("rebuild " + name, OptionalLong.empty(), err);
        while (Instant.now().isBefore(deadline)) {
            GroupCatchUp.Position position = catchUp.measure(buildId, sources);
            progress.moveTo(position.done(), position.total());
            if (position.caughtUp()) {
                progress.finish();
                return OptionalLong.of(position.done());
            }
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        }
        progress.finish();
        return OptionalLong.empty();
    }

    /**
     * Once the instances have stopped the old generation (they do on the switch), deletes its group and its topics.
     */
    private String removeGeneration(Admin admin, GroupCatchUp catchUp, String oldId)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(REMOVAL_WAIT);
        while (catchUp.members(oldId) > 0) {
            if (Instant.now().isAfter(deadline)) {
                return "application " + oldId + " still has members after " + REMOVAL_WAIT
                        + ": its group and topics are left; run `kafka-streams-application-reset` or delete them";
            }
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        }
        List<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(ProjectionsCommand.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(topic -> topic.startsWith(oldId + "-")).sorted().toList();
        admin.deleteTopics(topics).all().get(ProjectionsCommand.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            admin.deleteConsumerGroups(List.of(oldId)).all()
                    .get(ProjectionsCommand.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                throw e;
            }
        }
        return "application " + oldId + " removed with its group and " + topics.size() + " topics";
    }

    private void print(int generation, int before, long read, Duration took, String removed) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("projection", name)
                    .put("live", generation).put("previous", before).put("offsetsRead", read)
                    .put("seconds", took.toMillis() / 1000.0).put("previousGeneration", removed);
            out.println(json.toPrettyString());
        } else {
            out.println(name + ": generation " + generation + " is read now (" + read + " offsets read in "
                    + took.toSeconds() + " s); " + removed + ".");
        }
        out.flush();
    }
}
