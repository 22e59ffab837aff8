package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeerPlan;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of {@code bench} and of each scenario's subcommand: every size and rate, with the defaults. */
final class SuiteOptions {

    @Option(names = "--quick", description = "Tiny sizes for a smoke run (every size option below is ignored).")
    boolean quick;

    @Option(names = "--keep", description = "Keep the temporary directory (broker data, state, every child's log).")
    boolean keep;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--products", paramLabel = "N", defaultValue = "10000",
            description = "Products created before the throughput, HTTP and latency loads (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--restocks", paramLabel = "N", defaultValue = "100000",
            description = "Restocks through the topic after the products' creation (default: ${DEFAULT-VALUE}).")
    long restocks;

    @Option(names = "--http-requests", paramLabel = "N", defaultValue = "100000",
            description = "Restock requests at each number in flight (default: ${DEFAULT-VALUE}).")
    long httpRequests;

    @Option(names = "--http-warmup", paramLabel = "N", defaultValue = "10000",
            description = "Requests before the first level, not counted (default: ${DEFAULT-VALUE}).")
    long httpWarmup;

    @Option(names = "--in-flight", paramLabel = "N", split = ",", defaultValue = "64,200,1000,4000",
            description = "HTTP requests in flight, one level each (default: ${DEFAULT-VALUE}).")
    List<Integer> inFlight;

    @Option(names = "--rates", paramLabel = "PER_SECOND", split = ",", defaultValue = "300,1000",
            description = "Open-loop rates, commands per second (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--commit-intervals", paramLabel = "MS", split = ",", defaultValue = "100,20,10",
            description = "Commit intervals of the latency runs, ms (default: ${DEFAULT-VALUE}).")
    List<Long> commitIntervals;

    @Option(names = "--latency-warmup", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds of each latency run not counted (default: ${DEFAULT-VALUE}).")
    long latencyWarmupSeconds;

    @Option(names = "--latency-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds of each latency run measured (default: ${DEFAULT-VALUE}).")
    long latencySeconds;

    @Option(names = "--latency-rounds", paramLabel = "N", defaultValue = "1",
            description = "Rounds of the raw reference then Eventloom at each commit interval; with more than one,"
                    + " each ratio's median and range over them (default: ${DEFAULT-VALUE}).")
    int latencyRounds;

    @Option(names = "--memory-products", paramLabel = "N", defaultValue = "1000000",
            description = "Products created before heap and RSS are read (default: ${DEFAULT-VALUE}).")
    int memoryProducts;

    @Option(names = "--saga-orders", paramLabel = "N", defaultValue = "10000",
            description = "Orders placed (default: ${DEFAULT-VALUE}).")
    int sagaOrders;

    @Option(names = "--saga-customers", paramLabel = "N", defaultValue = "1000",
            description = "Customers the orders are spread over (default: ${DEFAULT-VALUE}).")
    int sagaCustomers;

    @Option(names = "--saga-products", paramLabel = "N", defaultValue = "1000",
            description = "Products the orders are spread over (default: ${DEFAULT-VALUE}).")
    int sagaProducts;

    @Option(names = "--restart-aggregates", paramLabel = "N", defaultValue = "100000",
            description = "Products of the restart scenario (default: ${DEFAULT-VALUE}).")
    int restartAggregates;

    @Option(names = "--restart-events", paramLabel = "N", defaultValue = "1000000",
            description = "Events of state before the restarts (default: ${DEFAULT-VALUE}).")
    long restartEvents;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long a restart runtime's committed offsets must stay unchanged before it is stopped"
                    + " or killed (default: ${DEFAULT-VALUE}).")
    long settleMillis;

    @Option(names = "--app-setting", paramLabel = "KEY=VALUE",
            description = "An Eventloom setting for every app the bench starts, on top of its own (say,"
                    + " streams.num.stream.threads=1); repeatable. The report lists them.")
    Map<String, String> appSettings = new LinkedHashMap<>();

    private int axonRate() {
        return rates.stream().mapToInt(Integer::intValue).max().orElse(AxonPeerPlan.defaults().ratePerSecond());
    }

    /** The plan these options describe; throws IllegalArgumentException naming a size that makes no sense. */
    SuitePlan plan() {
        if (quick) {
            return SuitePlan.quick().withAppSettings(appSettings);
        }
        return new SuitePlan(
                new ThroughputPlan(products, restocks, partitions),
                new HttpPlan(products, httpWarmup, httpRequests, inFlight, partitions),
                new LatencyPlan(products, rates, commitIntervals.stream().map(Duration::ofMillis).toList(),
                        Duration.ofSeconds(latencyWarmupSeconds), Duration.ofSeconds(latencySeconds), partitions,
                        latencyRounds),
                new MemoryPlan(memoryProducts, partitions),
                new SagaPlan(sagaCustomers, sagaProducts, sagaOrders, partitions),
                // Axon gets the throughput scenario's products and restocks, then the highest open-loop rate.
                new AxonPeerPlan(products, restocks, AxonPeerPlan.defaults().clients(), axonRate(),
                        axonRate() * latencySeconds),
                new RestartPlan(new ProductCommands(restartAggregates, restartEvents), partitions, true,
                        Duration.ofMillis(settleMillis)), appSettings);
    }
}
