package io.eventloom.bench;

import io.eventloom.core.RuntimeSettings;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The raw Kafka Streams reference ({@link RawTopology}) as its own JVM, with the Streams settings that cost
 * Eventloom time too: exactly_once_v2, the same commit interval and poll time, transactional state stores. Prints a
 * {@link ReadyLine} on stdout once RUNNING; SIGTERM closes it cleanly.
 */
@Command(name = "raw-streams-process", description = "A raw Kafka Streams processor, the bench's reference.")
public final class RawStreamsProcess implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--bootstrap-servers", required = true)
    private String bootstrapServers;

    @Option(names = "--application-id", required = true)
    private String applicationId;

    @Option(names = "--input", required = true)
    private String inputTopic;

    @Option(names = "--output", required = true)
    private String outputTopic;

    @Option(names = "--state-dir", required = true)
    private Path stateDir;

    @Option(names = "--commit-interval-ms", required = true)
    private long commitIntervalMs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RawStreamsProcess()).execute(args));
    }

    /** The command-line arguments that run the reference for {@code deployment}. */
    static List<String> arguments(RawDeployment deployment) {
        return List.of("--bootstrap-servers", deployment.bootstrapServers(),
                "--application-id", deployment.applicationId(),
                "--input", deployment.inputTopic(),
                "--output", deployment.outputTopic(),
                "--state-dir", deployment.stateDir().toAbsolutePath().toString(),
                "--commit-interval-ms", String.valueOf(deployment.commitInterval().toMillis()));
    }

    @Override
    public Integer call() throws InterruptedException {
        BenchLogging.forRuntime();
        KafkaStreams streams = new KafkaStreams(RawTopology.build(inputTopic, outputTopic), config());
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "raw-streams-shutdown"));
        streams.start();
        if (!running.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("not RUNNING after " + READY_TIMEOUT + ": " + streams.state());
        }
        System.out.println(new ReadyLine(ManagementFactory.getRuntimeMXBean().getUptime(), 0, 0).format());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // As Eventloom's runtime sets them (RuntimeSettings), so the reference pays for the same store commits and
        // waits as long in poll() before a due commit.
        config.put(StreamsConfig.POLL_MS_CONFIG, RuntimeSettings.pollMillis(Duration.ofMillis(commitIntervalMs)));
        config.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        config.put(StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.name());
        return config;
    }
}
