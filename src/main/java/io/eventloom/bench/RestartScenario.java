package io.eventloom.bench;

import io.eventloom.core.AggregateTopics;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.Shop;
import io.eventloom.shop.product.ProductAggregate;
import io.eventloom.shop.product.ProductState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The restart bench for one store configuration: load a fresh runtime, then kill it with SIGKILL and measure the
 * restart, stop that one with SIGTERM and measure the restart, and optionally measure a restore into an empty
 * state directory.
 *
 * <p>The kill comes first, on the runtime that wrote the state: killing one that only restarted and processed
 * nothing would find every store freshly closed, which says nothing about a crash in service. Every runtime is
 * stopped or killed only once it is idle ({@link IdleWait}), so each restart starts from the same committed state.
 */
final class RestartScenario {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final RestartPlan plan;
    private final Deployment deployment;
    private final Path dir;
    private final AggregateTopics<ProductState> topics;
    private final CommandLoad load;
    private final PrintStream log;

    RestartScenario(RestartPlan plan, Deployment deployment, Path dir, AvroSerdes serdes, PrintStream log) {
        this.plan = plan;
        this.deployment = deployment;
        this.dir = dir;
        // The bench drives one aggregate type, product, on the serdes any client of the registry would use.
        this.topics = AggregateTopics.of(ProductAggregate.TYPE, deployment.topics(), serdes, serdes);
        this.load = new CommandLoad(deployment.bootstrapServers(), serdes);
        this.log = log;
    }

    ConfigurationResult run() throws InterruptedException {
        createDirectory(dir);
        BenchTopics.create(deployment, Shop.domain(), deployment.partitions());
        Path state = dir.resolve("state");
        List<RestartMeasurement> restarts = new ArrayList<>();
        LoadMeasurement load;
        try (IdleWait idle = new IdleWait(deployment.bootstrapServers(), deployment.applicationId())) {
            load = loadThenKill(idle, state);
            try (RuntimeChild afterKill = start(state, "after-kill")) {
                restarts.add(measure(RestartKind.AFTER_KILL, afterKill));
                settle(idle, afterKill);
                afterKill.stop();
            }
            try (RuntimeChild afterStop = start(state, "after-sigterm")) {
                restarts.add(measure(RestartKind.CLEAN, afterStop));
                settle(idle, afterStop);
                afterStop.stop();
            }
            if (plan.cold()) {
                try (RuntimeChild cold = start(dir.resolve("cold-state"), "cold")) {
                    restarts.add(measure(RestartKind.COLD, cold));
                    settle(idle, cold);
                    cold.stop();
                }
            }
        }
        return new ConfigurationResult(deployment.configuration(), load, restarts);
    }

    private LoadMeasurement loadThenKill(IdleWait idle, Path state) throws InterruptedException {
        try (RuntimeChild first = start(state, "first")) {
            log.printf("[%s] first start: %s%n", label(), first.awaitReady(READY_TIMEOUT).format());
            Duration allResults = sendAndAwaitResults(first);
            // The projections may still be catching up on the events: the runtime is done once it is idle.
            LoadMeasurement load = new LoadMeasurement(plan.load().events(), allResults,
                    allResults.plus(settle(idle, first)));
            log.printf("[%s] %,d commands: every result after %.1f s (%,.0f commands/s), all processed after %.1f s%n",
                    label(), load.commands(), seconds(load.allResults()), load.commandsPerSecond(),
                    seconds(load.allProcessed()));
            first.kill();
            return load;
        }
    }

    private RuntimeChild start(Path stateDir, String name) {
        Path logFile = dir.resolve("runtime-" + name + ".log");
        log.printf("[%s] starting runtime (%s), log in %s%n", label(), name, logFile);
        return RuntimeChild.start(deployment, stateDir, logFile, READY_TIMEOUT);
    }

    private RestartMeasurement measure(RestartKind kind, RuntimeChild child) throws InterruptedException {
        ReadyLine ready = child.awaitReady(READY_TIMEOUT);
        log.printf("[%s] %s: %s%n", label(), kind.label(), ready.format());
        return new RestartMeasurement(kind, ready);
    }

    // Sends every command, then waits for every result: the write side is done when the last transaction commits.
    private Duration sendAndAwaitResults(RuntimeChild child) {
        ProductCommands commands = plan.load();
        try (ResultCounter results = new ResultCounter(deployment.bootstrapServers(), topics.results().name())) {
            long started = System.nanoTime();
            log.printf("[%s] sending %,d commands to %s%n", label(), commands.events(), topics.commands().name());
            load.send(topics.commands().name(), commands);
            log.printf("[%s] sent in %.1f s; waiting for every result%n", label(), seconds(since(started)));
            results.await(commands.events(), child::isAlive,
                    new Progress("[" + label() + "] results", commands.events(), PROGRESS_INTERVAL, log));
            return since(started);
        }
    }

    // Waits until the runtime has committed all its input, so a stop or kill finds nothing in flight. Returns how
    // long it was still busy.
    private Duration settle(IdleWait idle, RuntimeChild child) throws InterruptedException {
        long started = System.nanoTime();
        Duration busy = idle.await(plan.settle(), child::isAlive, log, label());
        log.printf("[%s] idle after %.1f s%n", label(), seconds(since(started)));
        return busy;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String label() {
        return deployment.configuration().label();
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }
}
