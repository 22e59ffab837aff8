package io.eventloom.app;

import io.eventloom.core.HealthCheck;
import io.eventloom.core.ProjectionGeneration;
import io.eventloom.core.ProjectionGenerations;
import io.eventloom.kafka.ConsumerLoop;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * Keeps this instance's projection generations as the projection-generations topic says: read to its end when
 * opened, before the runtime is built (so a restarted instance never reads a generation that was switched away from,
 * and its topology knows which projections it no longer keeps), then followed from there.
 */
final class ProjectionGenerationFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final Consumer<String, String> consumer;
    private final Map<String, ProjectionGeneration> atOpen;
    private ConsumerLoop<String, String> loop;

    private ProjectionGenerationFollower(String topic, Consumer<String, String> consumer,
                                         Map<String, ProjectionGeneration> atOpen) {
        this.topic = topic;
        this.consumer = consumer;
        this.atOpen = atOpen;
    }

    /** Reads the topic to its end; {@link #follow} goes on from there. */
    static ProjectionGenerationFollower open(KafkaClientSettings kafka, String topic, Duration timeout) {
        Consumer<String, String> consumer = ProjectionGenerationLog.consumer(kafka, topic);
        Map<String, ProjectionGeneration> read = new TreeMap<>();
        try {
            ProjectionGenerationLog.readToEnd(consumer, read::put, timeout);
        } catch (TimeoutException | RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("cannot read the projection generations in " + topic, e);
        }
        return new ProjectionGenerationFollower(topic, consumer, read);
    }

    /** Every rebuilt projection's generation as the topic said when opened; projections never rebuilt are not in it. */
    Map<String, ProjectionGeneration> generations() {
        return Map.copyOf(atOpen);
    }

    /** Brings {@code generations} to what was read, then keeps it there as the topic changes. */
    void follow(ProjectionGenerations generations) {
        atOpen.forEach(generations::apply);
        loop = ConsumerLoop.start("projection-generations", "projection-generations-" + topic, consumer, POLL,
                record -> generations.apply(record.key(), ProjectionGenerationLog.generation(record)));
    }

    /** Down when the topic cannot be followed: a rebuild's switch would not reach this instance. */
    HealthCheck health() {
        if (loop == null) {
            throw new IllegalStateException("not following " + topic + " yet");
        }
        return loop.health();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        } else {
            consumer.close();
        }
    }
}
