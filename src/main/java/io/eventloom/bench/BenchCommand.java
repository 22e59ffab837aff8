package io.eventloom.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code eventloom bench}: every scenario in one run and one report, Eventloom beside a raw Kafka Streams
 * processor; {@code bench <scenario>} runs one.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measures Eventloom beside a raw Kafka Streams processor in the same run: topic throughput, HTTP"
                        + " throughput, open-loop latency, memory, the order saga, the same product workload on Axon Framework, and"
                        + " restarts.",
                "Starts its own Kafka broker and schema registry on free ports in a temporary directory, runs"
                        + " Eventloom (io.eventloom.app.Main, configured by EVENTLOOM_* variables) and the reference"
                        + " each in a child JVM (-Xmx1g), and prints a Markdown report on stdout (progress on"
                        + " stderr)."},
        subcommands = {RestartBenchCommand.class, io.eventloom.bench.axon.AxonBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec spec;

    @Mixin
    private SuiteOptions options;

    /** Every scenario. */
    @Override
    public Integer call() throws InterruptedException {
        return run(EnumSet.allOf(Scenario.class), options);
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
            description = "CreateProducts then Restocks through the commands topic: Eventloom beside the reference.")
    int throughput(@Mixin SuiteOptions options) throws InterruptedException {
        return run(EnumSet.of(Scenario.THROUGHPUT), options);
    }

    @Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Restocks over HTTP at several numbers in flight, with a liveness probe meanwhile.")
    int http(@Mixin SuiteOptions options) throws InterruptedException {
        return run(EnumSet.of(Scenario.HTTP), options);
    }

    @Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Open-loop latency at several rates and commit intervals: Eventloom beside the reference.")
    int latency(@Mixin SuiteOptions options) throws InterruptedException {
        return run(EnumSet.of(Scenario.LATENCY), options);
    }

    @Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Heap after a full GC, RSS and state on disk, before and after creating many products.")
    int memory(@Mixin SuiteOptions options) throws InterruptedException {
        return run(EnumSet.of(Scenario.MEMORY), options);
    }

    @Command(name = "saga", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Orders placed as fast as possible, followed until the saga confirms them.")
    int saga(@Mixin SuiteOptions options) throws InterruptedException {
        return run(EnumSet.of(Scenario.SAGA), options);
    }

    private int run(Set<Scenario> scenarios, SuiteOptions chosen) throws InterruptedException {
        SuitePlan plan;
        try {
            plan = chosen.plan();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchLogging.toStandardError();
        SuiteReport report;
        try (ScratchDirectory scratch = ScratchDirectory.create(chosen.keep)) {
            try {
                report = SuiteRunner.run(plan, scenarios, scratch.path(), System.err);
            } catch (RuntimeException | InterruptedException e) {
                scratch.keep();
                throw e;
            }
            if (!report.failures().isEmpty()) {
                // A failed scenario's child logs are what explains it.
                scratch.keep();
            }
        }
        spec.commandLine().getOut().print(SuiteMarkdown.render(report));
        spec.commandLine().getOut().flush();
        return report.failures().isEmpty() ? 0 : 1;
    }
}
