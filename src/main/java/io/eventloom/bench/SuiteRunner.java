package io.eventloom.bench;

import io.eventloom.bench.axon.AxonPeer;
import io.eventloom.bench.axon.AxonPeerResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the chosen scenarios one after the other on one broker and registry and gathers their results. A scenario
 * that fails is reported as failed and the run goes on: an hour's other figures are worth keeping.
 */
final class SuiteRunner {

    private final SuitePlan plan;
    private final BenchContext context;
    private final Map<Scenario, String> failures = new EnumMap<>(Scenario.class);
    private ThroughputResult throughput;
    private HttpResult http;
    private List<LatencyRun> latency;
    private MemoryResult memory;
    private SagaResult saga;
    private AxonPeerResult axon;
    private RestartReport restart;

    private SuiteRunner(SuitePlan plan, BenchContext context) {
        this.plan = plan;
        this.context = context;
    }

    static SuiteReport run(SuitePlan plan, Set<Scenario> scenarios, Path workDir, PrintStream log)
            throws InterruptedException {
        String loadAverage = loadAverage();
        log.printf("Starting the bench's broker and schema registry in %s%n", workDir);
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            SuiteRunner runner = new SuiteRunner(plan, BenchContext.of(cluster, workDir, log, plan.appSettings()));
            for (Scenario scenario : Scenario.values()) {
                if (scenarios.contains(scenario)) {
                    runner.runOne(scenario);
                }
            }
            return runner.report(loadAverage);
        }
    }

    private void runOne(Scenario scenario) throws InterruptedException {
        context.log().printf("== %s%n", scenario.command());
        long started = System.nanoTime();
        try {
            measure(scenario);
        } catch (RuntimeException e) {
            context.log().printf("== %s failed:%n", scenario.command());
            e.printStackTrace(context.log());
            failures.put(scenario, String.valueOf(e.getMessage()));
        }
        context.log().printf("== %s done in %.0f s%n", scenario.command(), (System.nanoTime() - started) / 1e9);
    }

    private void measure(Scenario scenario) throws InterruptedException {
        switch (scenario) {
            case THROUGHPUT -> throughput = new ThroughputScenario(plan.throughput(), context).run();
            case HTTP -> http = new HttpScenario(plan.http(), context).run();
            case LATENCY -> latency = new LatencyScenario(plan.latency(), context).run();
            case MEMORY -> memory = new MemoryScenario(plan.memory(), context).run();
            case SAGA -> saga = new SagaScenario(plan.saga(), context).run();
            case AXON -> axon = AxonPeer.run(plan.axon(), context.log());
            case RESTART -> restart = RestartBenchmark.run(plan.restart(), context.cluster(),
                    context.scenarioDir(scenario.command()), context.log());
            default -> throw new IllegalStateException("no such scenario: " + scenario);
        }
    }

    private SuiteReport report(String loadAverage) {
        return new SuiteReport(plan, Machine.current(), loadAverage, Optional.ofNullable(throughput),
                Optional.ofNullable(http), Optional.ofNullable(latency), Optional.ofNullable(memory),
                Optional.ofNullable(saga), Optional.ofNullable(axon), Optional.ofNullable(restart), failures);
    }

    // What else kept the machine busy when the run started: figures from a busy machine read lower.
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(", ", List.of(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
