package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestSerdes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The counter runtime as its own process, so a test can stop it with SIGTERM or kill it with SIGKILL.
 * Arguments: bootstrap servers, registry URL, state directory, topic namespace, application id, partitions, and
 * optionally Kafka Streams overrides as {@code name=value}.
 */
public final class CounterRuntimeMain {

    public static final String READY_LINE = "COUNTER RUNTIME RUNNING";

    private CounterRuntimeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TopicNames topics = new TopicNames(args[3]);
        AvroSerdes serdes = TestSerdes.on(args[1]);
        Map<String, Object> overrides = new HashMap<>();
        for (int i = 6; i < args.length; i++) {
            String[] nameAndValue = args[i].split("=", 2);
            overrides.put(nameAndValue[0], nameAndValue[1]);
        }
        RuntimeSettings settings = RuntimeSettings.of(args[4], args[0], Path.of(args[2]))
                .withStreamsOverrides(overrides);
        EventloomRuntime runtime = EventloomRuntime.start(settings, TopologySettings.of(topics,
                Integer.parseInt(args[5])), Domain.of(List.of(CounterAggregate.TYPE)), serdes, serdes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }));
        runtime.awaitRunning(Duration.ofSeconds(60));
        System.out.println(READY_LINE + ", restored " + runtime.restoredRecords() + " records");
        stopped.await();
    }
}
