package io.eventloom.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eventloom bench}: the benchmarks, one subcommand per scenario. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark on its own embedded broker and registry, and prints the results as Markdown.",
        subcommands = {RestartBenchCommand.class, io.eventloom.bench.axon.AxonBenchCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing scenario: which benchmark to run");
    }
}
