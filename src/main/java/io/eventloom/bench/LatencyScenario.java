package io.eventloom.bench;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.shop.product.ProductCommandEnvelope;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-loop latency: for each commit interval, the raw reference and then Eventloom, each at every rate in turn,
 * Restocks sent on a fixed schedule and timed until their answer is committed ({@link OpenLoopRun}). Before its
 * runs, each side gets one record per product through the topic: Eventloom's products must exist, and the raw
 * reference gets the same keys and the same head start.
 */
final class LatencyScenario {

    static final String NAME = "latency";

    private final LatencyPlan plan;
    private final BenchContext context;
    private final Path dir;
    private final ProductCommands products;

    LatencyScenario(LatencyPlan plan, BenchContext context) {
        this.plan = plan;
        this.context = context;
        this.dir = context.scenarioDir(NAME);
        this.products = new ProductCommands(NAME, plan.products(), plan.products());
    }

    List<LatencyRun> run() throws InterruptedException {
        List<LatencyRun> runs = new ArrayList<>();
        for (Duration commitInterval : plan.commitIntervals()) {
            runs.addAll(raw(commitInterval));
            runs.addAll(eventloom(commitInterval));
        }
        return runs;
    }

    private List<LatencyRun> raw(Duration commitInterval) throws InterruptedException {
        RawDeployment deployment = RawDeployment.of(context.cluster(),
                "bench-latency-raw-" + commitInterval.toMillis(), plan.partitions(), commitInterval, dir);
        try (RawReference raw = RawReference.start(deployment,
                dir.resolve("raw-" + commitInterval.toMillis() + ".log"), context.log())) {
            preload(deployment, raw);
            return runEachRate(new OpenLoopTarget<>(SystemUnderTest.RAW, deployment.inputTopic(),
                    new ByteArraySerializer(), (id, key) -> RawRecords.value(id), deployment.outputTopic(),
                    RawRecords::commandId, raw::isAlive), commitInterval);
        }
    }

    private List<LatencyRun> eventloom(Duration commitInterval) throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-latency-" + commitInterval.toMillis(),
                plan.partitions(), commitInterval, dir);
        try (AppChild app = AppChild.start(deployment,
                dir.resolve("eventloom-" + commitInterval.toMillis() + ".log"), context.log())) {
            new AppCommands(context, app, NAME).products(products, "creating products");
            String commands = deployment.topics().commands(AppCommands.PRODUCT);
            String results = deployment.topics().commandResults(AppCommands.PRODUCT);
            Deserializer<CommandResult> decoder = context.serdes().specificValue(CommandResult.class).deserializer();
            return runEachRate(new OpenLoopTarget<>(SystemUnderTest.EVENTLOOM, commands,
                    context.serdes().specificValue(ProductCommandEnvelope.class).serializer(),
                    (id, key) -> ProductCommands.restock(id, key, Instant.now()), results,
                    value -> decoder.deserialize(results, value).getCommandId(), app::isAlive), commitInterval);
        }
    }

    // The records of Eventloom's product creation, so that both sides start their runs with the same keys stored and
    // with as much work behind them: a JVM that has only just started answers slower.
    private void preload(RawDeployment deployment, RawReference raw) {
        try (ResultCounter outputs = ResultCounter.fromEnd(deployment.bootstrapServers(), deployment.outputTopic())) {
            context.log().printf("[%s] raw Kafka Streams: sending %,d records, one per product%n", NAME,
                    products.events());
            context.load().sendRaw(deployment.inputTopic(), products);
            outputs.await(products.events(), raw::isAlive,
                    context.progress("[" + NAME + "] raw Kafka Streams: outputs", products.events()));
        }
    }

    private <V> List<LatencyRun> runEachRate(OpenLoopTarget<V> target, Duration commitInterval)
            throws InterruptedException {
        List<LatencyRun> runs = new ArrayList<>();
        OpenLoopRun openLoop = new OpenLoopRun(context.cluster().bootstrapServers(),
                (what, total) -> context.progress("[" + NAME + ", commit " + commitInterval.toMillis() + " ms] "
                        + what, total));
        for (int rate : plan.rates()) {
            context.log().printf("[%s] %s at %,d/s, commit %d ms: %d s warm-up, then %d s measured%n", NAME,
                    target.system().label(), rate, commitInterval.toMillis(), plan.warmup().toSeconds(),
                    plan.measured().toSeconds());
            LatencyRun run = openLoop.run(target, "lat-" + commitInterval.toMillis() + "ms-" + rate, rate,
                    commitInterval, plan.warmup(), plan.measured(), products::aggregateId);
            context.log().printf("[%s] %s at %,d/s, commit %d ms: %s p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms;"
                            + " backlog growth %.0f%n", NAME, target.system().label(), rate,
                    commitInterval.toMillis(), run.keptUp() ? "kept up;" : "CANNOT KEEP UP;", run.latency().p50(),
                    run.latency().p99(), run.latency().p999(), run.backlogGrowth());
            runs.add(run);
        }
        return runs;
    }
}
