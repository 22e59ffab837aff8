package io.eventloom.bench.axon;

import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.concurrent.Callable;

/** {@code eventloom bench axon}: the shop's product workload on Axon Framework with its JDBC event store on H2. */
@Command(name = "axon", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the product workload of the Eventloom benches on Axon Framework 4 (no Spring, no Axon Server),"
                        + " its JDBC event store on an embedded H2 database in a file in a temporary directory.",
                "A closed loop of CreateProducts then Restocks round-robin measures throughput; an open loop of"
                        + " Restocks at a fixed rate measures latency. Prints a Markdown table on stdout (progress"
                        + " on stderr)."})
public final class AxonBenchCommand implements Callable<Integer> {

    // The bench's own logging setup: everything on stderr at WARN, so stdout is the table alone.
    private static final String LOGGING = "/io/eventloom/bench/log4j2-bench.xml";

    @CommandLine.Spec
    private CommandSpec spec;

    @Option(names = "--products", paramLabel = "N", defaultValue = "10000",
            description = "Products to create (default: ${DEFAULT-VALUE}).")
    private int products;

    @Option(names = "--restocks", paramLabel = "N", defaultValue = "100000",
            description = "Restocks in the closed loop, round-robin over the products (default: ${DEFAULT-VALUE}).")
    private long restocks;

    @Option(names = "--clients", paramLabel = "N",
            description = "Client threads in the closed loop, each waiting for its command, and Axon's command handler"
                    + " threads (default: 2 per core, ${DEFAULT-VALUE} here).")
    private int clients = AxonPeerPlan.defaults().clients();

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "1000",
            description = "Commands per second in the open loop (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--latency-commands", paramLabel = "N", defaultValue = "30000",
            description = "Restocks in each of the open loop's two passes; the first warms up and is not counted"
                    + " (default: ${DEFAULT-VALUE}).")
    private long latencyCommands;

    @Override
    public Integer call() throws InterruptedException {
        AxonPeerPlan plan;
        try {
            plan = new AxonPeerPlan(products, restocks, clients, rate, latencyCommands);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        logToStandardError();
        AxonPeerResult result = AxonPeer.run(plan, System.err);
        spec.commandLine().getOut().print(AxonPeerTable.render(result));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static void logToStandardError() {
        URL config = AxonBenchCommand.class.getResource(LOGGING);
        if (config == null) {
            throw new IllegalStateException("missing resource " + LOGGING);
        }
        try {
            Configurator.reconfigure(config.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + config, e);
        }
    }
}
