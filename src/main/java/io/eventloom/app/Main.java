package io.eventloom.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code eventloom} command: with no subcommand it starts the whole system and runs until stopped. */
@Command(name = "eventloom", mixinStandardHelpOptions = true,
        description = "Event sourcing and CQRS on Kafka Streams.")
public final class Main implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with settings (also EVENTLOOM_CONFIG); EVENTLOOM_* variables override it.")
    private Path configFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        EventloomConfig config = EventloomConfig.load(Optional.ofNullable(configFile), System.getenv());
        EventloomApp app = EventloomApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "eventloom-shutdown"));
        stopped.await();
        return 0;
    }
}
