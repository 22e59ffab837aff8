package io.eventloom.cli.audit;

import io.eventloom.app.EventloomConfig;
import io.eventloom.app.Main;
import io.eventloom.cli.ApiAnswers;
import io.eventloom.cli.ApiClient;
import io.eventloom.cli.ApiOptions;
import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.core.AggregateTopics;
import io.eventloom.core.Domain;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code eventloom audit [TYPE]}: folds the events again and compares every aggregate's state and every projection
 * row the live app holds with what they make.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Folds every aggregate's events again and compares the result with each aggregate's state and"
                + " each projection row, as the app's HTTP API answers them; prints every difference with the"
                + " aggregate id (or row key) and the first differing version. Without TYPE, every aggregate type and"
                + " projection; with it, that type and the projections made of its events. Progress goes to standard"
                + " error.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no difference", "1:differences found",
                "2:a usage error (an unknown type), or the API refused the token (401/403)",
                "3:Kafka, the schema registry or the HTTP API could not be reached"})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @CommandLine.Mixin
    private ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE",
            description = "The aggregate type to audit, e.g. order (default: every type).")
    private String type;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long a difference that may be in flight (a projection catching up, traffic since the"
                    + " events were read) is checked again before it is reported (default: ${DEFAULT-VALUE}).")
    private long settleSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (settleSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--settle must not be negative");
        }
        CliContext context = CliContext.of(parent.config());
        AuditScope scope = scope(context.domain());
        ApiClient client = api.client(parent.config(), parent.environmentVariable(EventloomConfig.TOKEN_ENV));
        // A client looks its schemas up and never registers them: the registry's subjects are governed elsewhere.
        AvroSerdes serdes = new AvroSerdes(context.registry(), AvroSerdeConfig.defaults().withAutoRegister(false));
        // Only the events topics are read, so the runtime's internal serdes are never used here.
        List<AggregateTopics<?>> topics = AggregateTopics.of(scope.read(), context.topics(), serdes, serdes);
        PrintWriter err = spec.commandLine().getErr();
        AuditReport report;
        try (EventLog log = new EventLog(context.kafka(), topics)) {
            report = new Audit(scope, log, new LiveReads(client), Duration.ofSeconds(settleSeconds), err).run();
        } catch (IOException e) {
            return ApiAnswers.unreachable(client, e, err);
        } catch (LiveReads.RefusedException e) {
            return ApiAnswers.refused(e.answer(), err);
        } catch (KafkaException e) {
            err.println("Cannot read the events from Kafka at " + context.kafka().bootstrapServers()
                    + " with the schema registry at " + context.registryUrl() + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(report.json().toPrettyString());
        } else {
            report.printText(out);
        }
        out.flush();
        return report.exitCode();
    }

    private AuditScope scope(Domain domain) {
        if (type == null) {
            return AuditScope.all(domain);
        }
        try {
            return AuditScope.of(domain, type);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
