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
 * reference gets the same keys and the same head start. With several rounds the pair runs again, each side freshly
 * started on topics of its own, so a ratio is read against the reference that ran just before it.
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
            for (int round = 1; round <= plan.rounds(); round++) {
                runs.addAll(raw(commitInterval, round));
                runs.addAll(eventloom(commitInterval, round));
            }
        }
        return runs;
    }

    private List<LatencyRun> raw(Duration commitInterval, int round) throws InterruptedException {
        RawDeployment deployment = RawDeployment.of(context.cluster(),
                "bench-latency-raw-" + runName(commitInterval, round), plan.partitions(), commitInterval, dir);
        try (RawReference raw = RawReference.start(deployment,
                dir.resolve("raw-" + runName(commitInterval, round) + ".log"), context.log())) {
            preload(deployment, raw);
            return runEachRate(new OpenLoopTarget<>(SystemUnderTest.RAW, deployment.inputTopic(),
                    new ByteArraySerializer(), (id, key) -> RawRecords.value(id), deployment.outputTopic(),
                    RawRecords::commandId, raw::isAlive), commitInterval, round);
        }
    }

    private List<LatencyRun> eventloom(Duration commitInterval, int round) throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-latency-" + runName(commitInterval, round),
                plan.partitions(), commitInterval, dir);
        try (AppChild app = AppChild.start(deployment,
                dir.resolve("eventloom-" + runName(commitInterval, round) + ".log"), context.log())) {
            new AppCommands(context, app, NAME).products(products, "creating products");
            String commands = deployment.topics().commands(AppCommands.PRODUCT);
            String results = deployment.topics().commandResults(AppCommands.PRODUCT);
            Deserializer<CommandResult> decoder = context.serdes().specificValue(CommandResult.class).deserializer();
            return runEachRate(new OpenLoopTarget<>(SystemUnderTest.EVENTLOOM, commands,
                    context.serdes().specificValue(ProductCommandEnvelope.class).serializer(),
                    (id, key) -> ProductCommands.restock(id, key, Instant.now()), results,
                    value -> decoder.deserialize(results, value).getCommandId(), app::isAlive), commitInterval,
                    round);
        }
    }

    // The first round keeps the names a single round always had: "10" for a 10 ms commit interval, then "10-r2".
    private static String runName(Duration commitInterval, int round) {
        return commitInterval.toMillis() + (round == 1 ? "" : "-r" + round);
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

    private <V> List<LatencyRun> runEachRate(OpenLoopTarget<V> target, Duration commitInterval, int round)
            throws InterruptedException {
        List<LatencyRun> runs = new ArrayList<>();
        String where = "commit " + commitInterval.toMillis() + " ms" + (plan.rounds() == 1 ? ""
                : ", round " + round + "/" + plan.rounds());
        OpenLoopRun openLoop = new OpenLoopRun(context.cluster().bootstrapServers(),
                (what, total) -> context.progress("[" + NAME + ", " + where + "] " + what, total));
        for (int rate : plan.rates()) {
            context.log().printf("[%s] %s at %,d/s, %s: %d s warm-up, then %d s measured%n", NAME,
                    target.system().label(), rate, where, plan.warmup().toSeconds(), plan.measured().toSeconds());
            LatencyRun run = openLoop.run(target, "lat-" + commitInterval.toMillis() + "ms-" + rate, rate,
                    commitInterval, round, plan.warmup(), plan.measured(), products::aggregateId);
            context.log().printf("[%s] %s at %,d/s, %s: %s p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms;"
                            + " backlog growth %.0f%n", NAME, target.system().label(), rate,
                    where, run.keptUp() ? "kept up;" : "CANNOT KEEP UP;", run.latency().p50(),
                    run.latency().p99(), run.latency().p999(), run.backlogGrowth());
            runs.add(run);
        }
        return runs;
    }
}
