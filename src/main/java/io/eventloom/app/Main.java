package io.eventloom.app;

import io.eventloom.bench.BenchCommand;
import io.eventloom.core.TopologyDocs;
import io.eventloom.cli.audit.AuditCommand;
import io.eventloom.cli.dlq.DlqCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** The {@code eventloom} command: with no subcommand it starts the whole system and runs until stopped. */
@Command(name = "eventloom", mixinStandardHelpOptions = true,
        description = "Event sourcing and CQRS on Kafka Streams.",
        subcommands = {Main.RegistryCommand.class, Main.TopologyDocsCommand.class, TokenCommand.class,
                SchemasCommand.class, SendCommand.class, EventsCommand.class, StateCommand.class, ReplayCommand.class,
                DlqCommand.class, ProjectionsCommand.class, AuditCommand.class, BenchCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file with settings (also EVENTLOOM_CONFIG); EVENTLOOM_* variables override it.")
    private Path configFile;

    private final Map<String, String> environment;

    public Main() {
        this(System.getenv());
    }

    /** With the given environment in place of the process's, for tests. */
    Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    /** The command line, on which a configuration error ends the start with its message alone, not a stack trace. */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof ConfigException) {
                command.getErr().println("Configuration error: " + error.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw error;
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        return runUntilStopped(EventloomApp::start);
    }

    /** {@code eventloom registry}: the schema registry alone, for other services to share. */
    @Command(name = "registry", mixinStandardHelpOptions = true,
            description = "Runs only the Confluent-compatible schema registry (on bootstrap.servers, or on an"
                    + " embedded broker when none is set), on schema.registry.port.")
    static final class RegistryCommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        private Main parent;

        @Override
        public Integer call() throws InterruptedException {
            return parent.runUntilStopped(EventloomApp::startSchemaRegistryOnly);
        }
    }

    /** {@code eventloom topology-docs}: writes the topology description and diagram for {@code topology-docs/}. */
    @Command(name = "topology-docs", mixinStandardHelpOptions = true,
            description = "Writes the Kafka Streams topology as Kafka Streams describes it and as a Mermaid diagram.")
    static final class TopologyDocsCommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        private Main parent;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "topology-docs",
                description = "Directory to write to (default: ${DEFAULT-VALUE}).")
        private Path out;

        @Override
        public Integer call() throws IOException {
            EventloomConfig config = parent.config();
            TopologyDocs.write(ShopTopology.of(config), out);
            System.out.println("Wrote " + TopologyDocs.DESCRIPTION_FILE + " and " + TopologyDocs.DIAGRAM_FILE
                    + " to " + out.toAbsolutePath());
            return 0;
        }
    }

    /** The settings the app would start with: {@code --config FILE}, then the {@code EVENTLOOM_*} variables. */
    public EventloomConfig config() {
        return EventloomConfig.load(Optional.ofNullable(configFile), environment);
    }

    /** A variable of the environment the command runs in: the process's, or the one given for a test. */
    public Optional<String> environmentVariable(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    private int runUntilStopped(Function<EventloomConfig, EventloomApp> starter) throws InterruptedException {
        EventloomConfig config = config();
        LogFormat.apply(config);
        EventloomApp app = starter.apply(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "eventloom-shutdown"));
        stopped.await();
        return 0;
    }
}
