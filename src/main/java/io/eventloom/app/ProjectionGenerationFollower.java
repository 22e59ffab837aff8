package io.eventloom.app;

import io.eventloom.core.HealthCheck;
import io.eventloom.core.ProjectionGenerations;
import io.eventloom.kafka.ConsumerLoop;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Keeps this instance's projection generations as the projection-generations topic says: read to its end before
 * the instance serves (so a restarted instance never reads a generation that was switched away from), then followed.
 */
final class ProjectionGenerationFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerLoop<String, String> loop;

    private ProjectionGenerationFollower(ConsumerLoop<String, String> loop) {
        this.loop = loop;
    }

    static ProjectionGenerationFollower start(KafkaClientSettings kafka, String topic,
                                              ProjectionGenerations generations, Duration timeout) {
        Consumer<String, String> consumer = ProjectionGenerationLog.consumer(kafka, topic);
        try {
            ProjectionGenerationLog.readToEnd(consumer, generations::apply, timeout);
        } catch (TimeoutException | RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("cannot read the projection generations in " + topic, e);
        }
        return new ProjectionGenerationFollower(ConsumerLoop.start("projection-generations",
                "projection-generations-" + topic, consumer, POLL,
                record -> generations.apply(record.key(), ProjectionGenerationLog.generation(record))));
    }

    /** Down when the topic cannot be followed: a rebuild's switch would not reach this instance. */
    HealthCheck health() {
        return loop.health();
    }

    @Override
    public void close() {
        loop.close();
    }
}
