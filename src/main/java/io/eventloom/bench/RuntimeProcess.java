package io.eventloom.bench;

import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.RuntimeSettings;
import io.eventloom.core.TopicNames;
import io.eventloom.core.TopologySettings;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.shop.Shop;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The shop's Kafka Streams runtime alone (no HTTP, no gateway) as its own JVM, so the bench can stop it with
 * SIGTERM or kill it with SIGKILL. Prints a {@link ReadyLine} on stdout once RUNNING; SIGTERM closes it cleanly.
 */
@Command(name = "runtime-process", description = "The shop's Kafka Streams runtime, for the bench to restart.")
public final class RuntimeProcess implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true)
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true)
    private String schemaRegistryUrl;

    @Option(names = "--state-dir", required = true)
    private Path stateDir;

    @Option(names = "--topic-namespace", required = true)
    private String topicNamespace;

    @Option(names = "--application-id", required = true)
    private String applicationId;

    @Option(names = "--partitions", required = true)
    private int partitions;

    @Option(names = "--ready-timeout-seconds", required = true)
    private long readyTimeoutSeconds;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE", description = "A Kafka Streams override.")
    private Map<String, String> streamsConfig = new HashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RuntimeProcess()).execute(args));
    }

    /** The command-line arguments that run {@code deployment} on {@code stateDir}. */
    static List<String> arguments(Deployment deployment, Path stateDir, Duration readyTimeout) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", deployment.bootstrapServers(),
                "--schema-registry-url", deployment.schemaRegistryUrl(),
                "--state-dir", stateDir.toAbsolutePath().toString(),
                "--topic-namespace", deployment.topics().namespace(),
                "--application-id", deployment.applicationId(),
                "--partitions", String.valueOf(deployment.partitions()),
                "--ready-timeout-seconds", String.valueOf(readyTimeout.toSeconds())));
        deployment.configuration().streamsOverrides().forEach((key, value) -> {
            args.add("--streams-config");
            args.add(key + "=" + value);
        });
        return args;
    }

    @Override
    public Integer call() throws InterruptedException {
        BenchLogging.forRuntime();
        TopicNames topics = new TopicNames(topicNamespace);
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(schemaRegistryUrl),
                AvroSerdeConfig.autoRegistering());
        RuntimeSettings settings = RuntimeSettings.of(applicationId, bootstrapServers, stateDir)
                .withStreamsOverrides(overrides());
        EventloomRuntime runtime = EventloomRuntime.start(settings, TopologySettings.of(topics, partitions),
                Shop.domain(), serdes, serdes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "runtime-process-shutdown"));
        runtime.awaitRunning(Duration.ofSeconds(readyTimeoutSeconds));
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        RestoredRecords.Totals restored = RestoredRecords.totals();
        System.out.println(new ReadyLine(uptime, restored.records(), restored.millis()).format());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Map<String, Object> overrides() {
        Map<String, Object> overrides = new HashMap<>(streamsConfig);
        overrides.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                RestoredRecords.class.getName());
        return overrides;
    }
}
