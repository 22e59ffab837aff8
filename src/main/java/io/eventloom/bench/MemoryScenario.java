package io.eventloom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Memory with many aggregates: the app's heap used after a full GC, its resident set size and its state on disk,
 * once just started and once every product has been created and the app has gone idle (projections caught up).
 */
final class MemoryScenario {

    static final String NAME = "memory";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final MemoryPlan plan;
    private final BenchContext context;
    private final Path dir;

    MemoryScenario(MemoryPlan plan, BenchContext context) {
        this.plan = plan;
        this.context = context;
        this.dir = context.scenarioDir(NAME);
    }

    MemoryResult run() throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-memory", plan.partitions(),
                COMMIT_INTERVAL, dir);
        try (AppChild app = AppChild.start(deployment, dir.resolve("eventloom.log"), context.log());
             IdleWait idle = new IdleWait(deployment.bootstrapServers(), deployment.applicationId())) {
            boolean gcIdle = ProcessMemory.fullGc(app.pid());
            MemoryResult.Sample before = sample(app, "just started", 0);
            new AppCommands(context, app, NAME).products(new ProductCommands(NAME, plan.products(), plan.products()),
                    "creating products");
            idle.await(QUIET, app::isAlive, context.log(), NAME);
            boolean gcLoaded = ProcessMemory.fullGc(app.pid());
            MemoryResult.Sample after = sample(app, "products created", plan.products());
            return new MemoryResult(plan, gcIdle && gcLoaded, List.of(before, after));
        }
    }

    private MemoryResult.Sample sample(AppChild app, String state, long products) throws InterruptedException {
        MemoryResult.Sample sample = new MemoryResult.Sample(state, products, ProcessMemory.heapUsed(app.baseUri(),
                app.authorization()),
                ProcessMemory.residentSetSize(app.pid()),
                ProcessMemory.directorySize(app.deployment().stateDir()));
        context.log().printf("[%s] %s (%,d products): heap used %,d MiB, RSS %s, state on disk %,d MiB%n", NAME,
                state, products, sample.heapUsedBytes() >> 20,
                sample.rssBytes().isPresent() ? (sample.rssBytes().getAsLong() >> 20) + " MiB" : "n/a",
                sample.stateDirBytes() >> 20);
        return sample;
    }
}
