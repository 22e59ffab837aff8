package io.eventloom.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** The {@code eventloom} command: with no subcommand it starts the whole system and runs until stopped. */
@Command(name = "eventloom", mixinStandardHelpOptions = true,
        description = "Event sourcing and CQRS on Kafka Streams.",
        subcommands = Main.RegistryCommand.class)
public final class Main implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file with settings (also EVENTLOOM_CONFIG); EVENTLOOM_* variables override it.")
    private Path configFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
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

    private int runUntilStopped(Function<EventloomConfig, EventloomApp> starter) throws InterruptedException {
        EventloomConfig config = EventloomConfig.load(Optional.ofNullable(configFile), System.getenv());
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
