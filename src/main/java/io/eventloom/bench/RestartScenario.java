package io.eventloom.bench;

import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.Shop;

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
 * nothing would find every store freshly closed, which says nothing about a crash in service.
 */
final class RestartScenario {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String AGGREGATE_TYPE = "product";

    private final RestartPlan plan;
    private final Deployment deployment;
    private final Path dir;
    private final AvroSerdes serdes;
    private final PrintStream log;

    RestartScenario(RestartPlan plan, Deployment deployment, Path dir, AvroSerdes serdes, PrintStream log) {
        this.plan = plan;
        this.deployment = deployment;
        this.dir = dir;
        this.serdes = serdes;
        this.log = log;
    }

    ConfigurationResult run() throws InterruptedException {
        createDirectory(dir);
        BenchTopics.create(deployment, Shop.domain(), plan.partitions());
        Path state = dir.resolve("state");
        List<RestartMeasurement> restarts = new ArrayList<>();
        LoadMeasurement load;
        try (RuntimeChild first = start(state, "first")) {
            log.printf("[%s] first start: %s%n", label(), first.awaitReady(READY_TIMEOUT).format());
            load = load(first);
            settle();
            first.kill();
        }
        try (RuntimeChild afterKill = start(state, "after-kill")) {
            restarts.add(measure(RestartKind.AFTER_KILL, afterKill));
            settle();
            afterKill.stop();
        }
        try (RuntimeChild afterStop = start(state, "after-sigterm")) {
            restarts.add(measure(RestartKind.CLEAN, afterStop));
            afterStop.stop();
        }
        if (plan.cold()) {
            try (RuntimeChild cold = start(dir.resolve("cold-state"), "cold")) {
                restarts.add(measure(RestartKind.COLD, cold));
                cold.stop();
            }
        }
        return new ConfigurationResult(deployment.configuration(), load, restarts);
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

    // Sends every command, then waits for every result: the load is done when the last transaction commits.
    private LoadMeasurement load(RuntimeChild child) {
        ProductCommands commands = plan.load();
        try (ResultCounter results = new ResultCounter(deployment.bootstrapServers(),
                deployment.topics().commandResults(AGGREGATE_TYPE))) {
            long started = System.nanoTime();
            log.printf("[%s] sending %,d commands to %s%n", label(), commands.events(),
                    deployment.topics().commands(AGGREGATE_TYPE));
            new CommandLoad(deployment.bootstrapServers(), serdes)
                    .send(deployment.topics().commands(AGGREGATE_TYPE), commands);
            log.printf("[%s] sent in %.1f s; waiting for every result%n", label(),
                    (System.nanoTime() - started) / 1e9);
            Progress progress = new Progress("[" + label() + "] results", commands.events(), PROGRESS_INTERVAL, log);
            long done = 0;
            long lastChange = System.nanoTime();
            while (done < commands.events()) {
                long now = results.poll();
                if (now > done) {
                    done = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no new result for " + STALL_TIMEOUT + " at " + done + "/"
                            + commands.events() + "; see " + child.log());
                }
                if (!child.isAlive()) {
                    throw new IllegalStateException("runtime died during the load; see " + child.log());
                }
                progress.update(done);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LoadMeasurement load = new LoadMeasurement(commands.events(), elapsed);
            log.printf("[%s] %,d commands processed in %.1f s (%,.0f commands/s)%n", label(), load.commands(),
                    elapsed.toMillis() / 1000.0, load.commandsPerSecond());
            return load;
        }
    }

    // Lets the runtime go idle after its last commit, so a stop or kill finds nothing in flight.
    private void settle() throws InterruptedException {
        Thread.sleep(plan.settle().toMillis());
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
