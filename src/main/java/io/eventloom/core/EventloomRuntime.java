package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * The domain running: one Kafka Streams instance with a command sub-topology per registered aggregate type, the
 * process managers and the projections.
 */
public final class EventloomRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;

    private EventloomRuntime(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The topology for this domain; the same domain always gives the same description. */
    public static Topology topology(Domain domain, TopicNames topics, AvroSerdes serdes, AvroSerdes internal,
                                    Duration dedupeRetention) {
        StreamsBuilder builder = new StreamsBuilder();
        EventStreams events = new EventStreams(builder, topics, serdes);
        for (ProcessType<?> process : domain.processes()) {
            ProcessTopology.addTo(builder, events, process, domain.aggregates(), topics, serdes, internal);
        }
        ProjectionTopology.addTo(events, domain, internal);
        Topology topology = builder.build();
        for (AggregateType<?> type : domain.aggregates()) {
            AggregateTopology.addTo(topology, type, topics, serdes, internal, dedupeRetention);
        }
        return topology;
    }

    /** Builds the topology and starts Kafka Streams; every topic it uses must exist already. */
    public static EventloomRuntime start(RuntimeSettings settings, Topology topology, TopicNames topics) {
        Properties properties = new Properties();
        properties.putAll(settings.streamsConfig(topics));
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(error -> {
            log.error("Stream thread failed; replacing it (its transaction was aborted, nothing is lost)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
        streams.start();
        return new EventloomRuntime(streams);
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Up while Kafka Streams is RUNNING: its stores restored and every task processing. */
    public HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "streams";
            }

            @Override
            public Health check() {
                KafkaStreams.State state = streams.state();
                Map<String, Object> details = Map.of("state", state.name());
                return state == KafkaStreams.State.RUNNING ? Health.up(details) : Health.down(details);
            }
        };
    }

    /** Waits until Kafka Streams is running (its stores restored and queryable), or fails after the timeout. */
    public void awaitRunning(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + streams.state());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + ": " + streams.state());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka Streams", e);
            }
        }
    }

    /**
     * Stops processing after the current commit and leaves the group, so the partitions move to the other
     * instances (or to this one's next start) at once instead of after the session timeout.
     */
    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
