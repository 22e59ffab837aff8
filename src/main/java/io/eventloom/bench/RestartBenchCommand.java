package io.eventloom.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code eventloom bench restart}: time to RUNNING and records restored after restarts, without and with KIP-892. */
@Command(name = "restart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measures how a shop runtime comes back with its state: after SIGTERM, after kill -9 and, with --cold,"
                        + " into an empty state directory; with transactional state stores off and on.",
                "Starts its own Kafka broker and schema registry on free ports in a temporary directory, runs each"
                        + " runtime in a child JVM (-Xmx1g), and prints a Markdown table on stdout (progress on"
                        + " stderr)."})
final class RestartBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec spec;

    @Option(names = "--aggregates", paramLabel = "N", defaultValue = "100000",
            description = "Products to create (default: ${DEFAULT-VALUE}).")
    private int aggregates;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Commands in all, each appending one event: a CreateProduct per product, then Restocks"
                    + " round-robin (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--cold", description = "Also measure a restore into an empty state directory.")
    private boolean cold;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long a runtime's committed input offsets must stay unchanged before it is stopped or"
                    + " killed (default: ${DEFAULT-VALUE}).")
    private long settleMillis;

    @Option(names = "--keep", description = "Keep the temporary directory (broker data, state, runtime logs).")
    private boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        RestartPlan plan;
        try {
            plan = new RestartPlan(new ProductCommands(aggregates, events), partitions, cold,
                    Duration.ofMillis(settleMillis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchLogging.toStandardError();
        RestartReport report;
        try (ScratchDirectory scratch = ScratchDirectory.create(keep)) {
            try {
                report = RestartBenchmark.run(plan, scratch.path(), System.err);
            } catch (RuntimeException | InterruptedException e) {
                scratch.keep();
                throw e;
            }
        }
        spec.commandLine().getOut().print(RestartTable.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
