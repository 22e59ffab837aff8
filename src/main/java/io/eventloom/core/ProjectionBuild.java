package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One rebuilt generation of a projection: a Kafka Streams application of its own that computes the projection (and,
 * privately, every projection it is computed from) again from the first event, beside the generation that is read.
 * Its stores are named like the projections, as in the runtime's own application.
 */
final class ProjectionBuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBuild.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String projection;
    private final int generation;
    private final RuntimeSettings settings;
    private final KafkaStreams streams;
    private final RestoreProgress restores;

    private ProjectionBuild(String projection, int generation, RuntimeSettings settings, KafkaStreams streams,
                            RestoreProgress restores) {
        this.projection = projection;
        this.generation = generation;
        this.settings = settings;
        this.streams = streams;
        this.restores = restores;
    }

    /** Starts the generation's application; a new one reads every event topic it needs from the beginning. */
    static ProjectionBuild start(ProjectionType<?> projection, int generation, RuntimeSettings runtime,
                                 TopologySettings settings, List<AggregateTopics<?>> topics, AvroSerdes internal,
                                 RuntimeMetrics metrics) {
        String applicationId = ProjectionGeneration.applicationId(runtime.applicationId(), projection.name(),
                generation);
        Map<String, AggregateTopics<?>> types = new LinkedHashMap<>();
        topics.forEach(type -> types.put(type.type().name(), type));
        StreamsBuilder builder = new StreamsBuilder();
        ProjectionTopology.addTo(new SourceStreams(builder, types), types, projection.withEverythingBuiltFrom(),
                internal, settings.recordLimit(), new RetiredProjections(Set.of()));
        RuntimeSettings own = runtime.withApplicationId(applicationId);
        Properties properties = new Properties();
        properties.putAll(own.streamsConfig(settings, new DeadLetters()));
        properties.put(RuntimeMetrics.CONFIG, metrics);
        StaticMembership.addTo(properties, own.stateDir(), applicationId);
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        EventloomRuntime.replaceFailedThreads(streams, new ThreadFailures(Clock.systemUTC()));
        // Its own progress, not the runtime's meters: the stores have the runtime's store names.
        RestoreProgress restores = new RestoreProgress(RuntimeMetrics.inMemory());
        streams.setGlobalStateRestoreListener(restores);
        streams.setStateListener((now, before) -> log.info("Projection {} generation {}: Kafka Streams {} -> {}",
                projection.name(), generation, before, now));
        streams.start();
        log.info("Projection {} generation {} started as application {}", projection.name(), generation,
                applicationId);
        return new ProjectionBuild(projection.name(), generation, own, streams, restores);
    }

    int generation() {
        return generation;
    }

    KafkaStreams streams() {
        return streams;
    }

    RestoreProgress restores() {
        return restores;
    }

    /** Stops the application and deletes its local state: the generation will not be read again here. */
    void remove() {
        close();
        // Kafka Streams deletes the tasks' state and leaves the application's directory: nothing will use it again.
        streams.cleanUp();
        try {
            Utils.delete(settings.stateDir().resolve(settings.applicationId()).toFile());
        } catch (IOException e) {
            log.warn("Cannot delete the local state of projection {} generation {}", projection, generation, e);
        }
        StaticMembership.forget(settings.stateDir(), settings.applicationId());
        log.info("Projection {} generation {} removed from this instance", projection, generation);
    }

    /** Stops the application and leaves its group, keeping its local state for the next start. */
    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            log.warn("Projection {} generation {} did not stop within {}", projection, generation, CLOSE_TIMEOUT);
        }
    }
}
