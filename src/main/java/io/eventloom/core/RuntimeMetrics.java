package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Eventloom's own meters, every name and tag in one place: what the command processor, the process managers, the
 * projections, the stores, the command gateway and version waits count and measure. Prometheus shows a name with
 * underscores, counters with {@code _total} and times in seconds: {@code eventloom.commands} is scraped as
 * {@code eventloom_commands_total}.
 */
public final class RuntimeMetrics {

    /** The Kafka Streams config entry through which processors and exception handlers find this instance's meters. */
    public static final String CONFIG = "eventloom.metrics";

    /** The answer times dashboards and SLOs are drawn at: each is a bucket of the command duration's histogram. */
    private static final Duration[] COMMAND_SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};
    private static final double[] COMMAND_QUANTILES = {0.5, 0.95, 0.99};

    /** What a read waited on for a version. */
    public enum ReadKind {
        AGGREGATE, PROJECTION;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Timer> commandDurations = new ConcurrentHashMap<>();
    private final Map<String, ProcessInstances> processInstances = new ConcurrentHashMap<>();

    public RuntimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only: for a runtime or gateway nobody scrapes (tests, the bench, the CLI). */
    public static RuntimeMetrics inMemory() {
        return new RuntimeMetrics(new SimpleMeterRegistry());
    }

    /** The meters handed to Kafka Streams under {@link #CONFIG}, or in-memory ones when none were. */
    static RuntimeMetrics from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof RuntimeMetrics given ? given : inMemory();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One command processed to its result; a retried transaction processes, and counts, it again. */
    void commandProcessed(String type, String command, CommandResult result) {
        boolean accepted = result.getStatus() == CommandStatus.ACCEPTED;
        count("eventloom.commands", "Commands processed, by aggregate type, command, outcome and rejection code",
                "type", type, "command", command, "outcome", accepted ? "accepted" : "rejected",
                "code", accepted ? "none" : result.getRejectionCode());
    }

    /** A command id seen before, answered with its stored result. */
    void commandDeduplicated(String type) {
        count("eventloom.commands.deduplicated", "Commands whose id was seen before, answered with their stored"
                + " result", "type", type);
    }

    void eventAppended(String type, String event) {
        count("eventloom.events.appended", "Events appended, by aggregate type and event", "type", type,
                "event", event);
    }

    void deadLettered(String sourceTopic) {
        count("eventloom.dead.letters", "Records sent to the dead-letter topic, by the topic they came from",
                "source", sourceTopic);
    }

    void sagaStepEntered(String process, String step) {
        count("eventloom.saga.steps", "Process instances that entered a step", "process", process, "step", step);
    }

    void sagaTimedOut(String process) {
        sagaTimeouts(process).increment();
    }

    private Counter sagaTimeouts(String process) {
        return counter("eventloom.saga.timeouts", "Process instances given a timeout because a step was not answered"
                + " in time", "process", process);
    }

    /** The count of the process's instances in flight, which its processors keep and a gauge reads. */
    ProcessInstances sagaInstances(String process) {
        return processInstances.computeIfAbsent(process, name -> {
            // Timeouts are rare: the series exists from the start, so the first one shows as an increase.
            sagaTimeouts(name);
            ProcessInstances instances = new ProcessInstances();
            gauge("eventloom.saga.instances", "Process instances in flight in this instance's tasks", instances,
                    ProcessInstances::inFlight)
                    .tag("process", name)
                    .strongReference(true)
                    .register(registry);
            return instances;
        });
    }

    <T> void storeRestore(String store, T source, ToDoubleFunction<T> remaining, ToDoubleFunction<T> restored) {
        gauge("eventloom.store.restore.remaining", "Records left to restore into a store from its changelog, 0 when"
                + " not restoring", source, remaining).tag("store", store).register(registry);
        gauge("eventloom.store.restore.restored", "Records restored into a store in the restore going on, 0 when not"
                + " restoring", source, restored).tag("store", store).register(registry);
    }

    <T> void projectionLag(String projection, T source, ToDoubleFunction<T> records, ToDoubleFunction<T> seconds) {
        gauge("eventloom.projection.lag.records", "Records of a projection's input topics its application has not"
                + " processed yet", source, records).tag("projection", projection).register(registry);
        gauge("eventloom.projection.lag.seconds", "Age of the oldest input record a projection has not processed yet,"
                + " 0 when none", source, seconds).tag("projection", projection).baseUnit("seconds").register(registry);
    }

    /** A command sent through the gateway got its result (accepted or rejected) after {@code nanos}. */
    void commandAnswered(String type, long nanos) {
        commandDurations.computeIfAbsent(type, this::commandDuration).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The histogram Prometheus computes any quantile from, across instances; and, since one Prometheus family cannot
     * be a histogram and a summary at once, this instance's own p50, p95 and p99 as gauges beside it.
     */
    private Timer commandDuration(String type) {
        Timer timer = Timer.builder("eventloom.command.duration")
                .description("Time from sending a command through the gateway to receiving its result")
                .tag("type", type)
                .publishPercentileHistogram()
                .publishPercentiles(COMMAND_QUANTILES)
                .serviceLevelObjectives(COMMAND_SLOS)
                .register(registry);
        for (double quantile : COMMAND_QUANTILES) {
            gauge("eventloom.command.duration.quantile", "This instance's quantile of the command duration over the"
                    + " last minutes", timer, t -> valueAt(t, quantile))
                    .tags("type", type, "quantile", String.valueOf(quantile))
                    .baseUnit("seconds")
                    .register(registry);
        }
        return timer;
    }

    private static double valueAt(Timer timer, double quantile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == quantile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    void gatewayTimedOut(String type) {
        count("eventloom.gateway.timeouts", "Commands sent through the gateway whose result did not come in time",
                "type", type);
    }

    void gatewayPending(Map<?, ?> pending) {
        gauge("eventloom.gateway.pending", "Commands sent through the gateway waiting for their result", pending,
                Map::size).register(registry);
    }

    /** A read that waited for a version (minVersion) gave up. */
    public void readWaitTimedOut(ReadKind kind) {
        count("eventloom.read.wait.timeouts", "Reads that waited for a version and gave up, by what they read",
                "kind", kind.tag());
    }

    private static <T> Gauge.Builder<T> gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        return Gauge.builder(name, source, value).description(description);
    }

    private void count(String name, String description, String... tags) {
        counter(name, description, tags).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
