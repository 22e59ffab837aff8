package io.eventloom.bench;

import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the restart scenario for every store configuration, one after the other, on one broker and registry. */
final class RestartBenchmark {

    private RestartBenchmark() {
    }

    /** On a broker and registry of its own. */
    static RestartReport run(RestartPlan plan, Path workDir, PrintStream log) throws InterruptedException {
        log.printf("Starting the bench's broker and schema registry in %s%n", workDir);
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            return run(plan, cluster, workDir, log);
        }
    }

    /** On the given broker and registry, as one scenario of a longer run. */
    static RestartReport run(RestartPlan plan, BenchCluster cluster, Path workDir, PrintStream log)
            throws InterruptedException {
        List<ConfigurationResult> results = new ArrayList<>();
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(cluster.schemaRegistryUrl()),
                AvroSerdeConfig.autoRegistering());
        for (StoreConfiguration configuration : StoreConfiguration.values()) {
            Deployment deployment = Deployment.of(cluster, configuration, plan.partitions());
            results.add(new RestartScenario(plan, deployment, workDir.resolve(configuration.slug()), serdes, log)
                    .run());
        }
        return new RestartReport(plan, Machine.current(), results);
    }
}
