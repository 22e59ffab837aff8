package io.eventloom.app;

import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the projections whose rows cannot be read any more, on a thread of its own, as
 * {@code eventloom projections rebuild} would: every instance that finds them so runs it, and the steps are the
 * same for all, so whichever gets there first makes each one. A fault (Kafka unreachable) is retried.
 */
final class ProjectionAutoRebuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAutoRebuild.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Thread thread;

    private ProjectionAutoRebuild(Thread thread) {
        this.thread = thread;
    }

    static ProjectionAutoRebuild start(KafkaClientSettings kafka, TopicNames topics, String applicationId,
                                       Domain domain, Set<String> unreadable) {
        List<ProjectionType<?>> projections = domain.projections().stream()
                .filter(projection -> unreadable.contains(projection.name())).toList();
        Thread thread = new Thread(() -> {
            try (Admin admin = Admin.create(kafka.admin("projection-rebuild", Map.of(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis())))) {
                for (ProjectionType<?> projection : projections) {
                    rebuild(new ProjectionRebuild(kafka, admin, topics, applicationId, projection, KAFKA_TIMEOUT),
                            projection.name());
                }
            } catch (InterruptedException e) {
                log.info("Stopped rebuilding projections {} (the app stops); the next start goes on", unreadable);
            }
        }, "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return new ProjectionAutoRebuild(thread);
    }

    private static void rebuild(ProjectionRebuild rebuild, String name) throws InterruptedException {
        while (true) {
            try {
                ProjectionRebuild.Started started = rebuild.start();
                log.info("Projection {}: building generation {} from the events, because its rows cannot be read with"
                        + " the current row schema", name, started.generation());
                Instant[] logged = {Instant.now()};
                Optional<ProjectionRebuild.Finished> finished = rebuild.finish(started, Duration.ofDays(365),
                        position -> {
                            if (Instant.now().isAfter(logged[0].plus(LOG_EVERY))) {
                                logged[0] = Instant.now();
                                log.info("Projection {}: generation {} has read {} of {} offsets", name,
                                        started.generation(), position.done(), position.total());
                            }
                        });
                if (finished.isPresent()) {
                    log.info("Projection {}: generation {} is read now; {}", name, started.generation(),
                            finished.get().previous());
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.warn("Projection {}: the rebuild cannot go on now ({}); retrying in {} s", name, e.toString(),
                        RETRY_AFTER.toSeconds());
                TimeUnit.MILLISECONDS.sleep(RETRY_AFTER.toMillis());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(KAFKA_TIMEOUT.toMillis());
    }
}
