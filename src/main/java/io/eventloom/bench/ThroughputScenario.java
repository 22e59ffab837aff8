package io.eventloom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Topic throughput: CreateProducts, then Restocks over the products, produced straight to the commands topic as
 * fast as the producer goes; the rate is commands over the time from the first sent until every result is
 * committed. The raw reference does the same with plain records. Each side gets a first pass of the same size that
 * is not counted, on products of its own: a cold JVM measures several times slower.
 */
final class ThroughputScenario {

    static final String NAME = "throughput";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final String PRODUCT = "product";

    private final ThroughputPlan plan;
    private final BenchContext context;
    private final Path dir;

    ThroughputScenario(ThroughputPlan plan, BenchContext context) {
        this.plan = plan;
        this.context = context;
        this.dir = context.scenarioDir(NAME);
    }

    ThroughputResult run() throws InterruptedException {
        return new ThroughputResult(plan, raw(), eventloom());
    }

    private Rate raw() throws InterruptedException {
        RawDeployment deployment = RawDeployment.of(context.cluster(), "bench-throughput-raw", plan.partitions(),
                COMMIT_INTERVAL, dir);
        try (RawReference raw = RawReference.start(deployment, dir.resolve("raw.log"), context.log())) {
            Pass pass = (commands, label) -> measure(label, deployment.outputTopic(), commands, raw::isAlive,
                    () -> context.load().sendRaw(deployment.inputTopic(), commands));
            pass.run(plan.commands("warmup"), "raw warm-up");
            return pass.run(plan.commands("measured"), "raw");
        }
    }

    private Rate eventloom() throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-throughput", plan.partitions(),
                COMMIT_INTERVAL, dir);
        try (AppChild app = AppChild.start(deployment, dir.resolve("eventloom.log"), context.log())) {
            String commandsTopic = deployment.topics().commands(PRODUCT);
            Pass pass = (commands, label) -> measure(label, deployment.topics().commandResults(PRODUCT), commands,
                    app::isAlive, () -> context.load().send(commandsTopic, commands));
            pass.run(plan.commands("warmup"), "Eventloom warm-up");
            return pass.run(plan.commands("measured"), "Eventloom");
        }
    }

    // From the first record sent until there is a committed output per input.
    private Rate measure(String label, String outputTopic, ProductCommands commands, BooleanSupplier alive,
                         Runnable send) {
        try (ResultCounter results = ResultCounter.fromEnd(context.cluster().bootstrapServers(), outputTopic)) {
            String what = "[" + NAME + "] " + label + ": results";
            context.log().printf("[%s] %s: sending %,d commands%n", NAME, label, commands.events());
            long started = System.nanoTime();
            send.run();
            results.await(commands.events(), alive, context.progress(what, commands.events()));
            Rate rate = Rate.since(commands.events(), started);
            context.log().printf("[%s] %s: %,d in %.1f s, %,.0f/s%n", NAME, label, rate.count(), rate.seconds(),
                    rate.perSecond());
            return rate;
        }
    }

    /** One pass of commands through one side. */
    @FunctionalInterface
    private interface Pass {
        Rate run(ProductCommands commands, String label);
    }
}
