package io.eventloom.app;

import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Registers the value schemas of every public topic at start, so that a client written against the registry
 * alone, in any language, finds the latest command schema under its subject before Eventloom wrote anything. A
 * registry that cannot be reached at start is a passing fault, not a reason to stop: the app starts without, and
 * registers them once the registry answers.
 */
final class PublicSchemas {

    private static final Logger log = LoggerFactory.getLogger(PublicSchemas.class);

    private PublicSchemas() {
    }

    /**
     * Registers them now, or, while the registry cannot be reached, every {@code retry} in the background until it
     * can; what it returns stops the retries.
     *
     * @throws SchemaRegistryException when the registry refuses a schema or this app's credentials: no retry mends
     *                                 that
     */
    static AutoCloseable register(DomainSchemas schemas, SchemaRegistryClient registry, Duration retry) {
        try {
            registerAll(schemas, registry);
            return () -> { };
        } catch (SchemaRegistryException e) {
            if (!e.isOutage()) {
                throw e;
            }
            log.warn("Cannot reach the schema registry to register the public topics' schemas ({}); starting without"
                    + " them, and registering them once it answers (trying every {} s)", e.getMessage(),
                    retry.toSeconds());
        }
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "public-schemas");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(() -> {
            try {
                registerAll(schemas, registry);
                log.info("The schema registry answers again: the public topics' schemas are registered");
                retries.shutdown();
            } catch (SchemaRegistryException e) {
                if (e.isOutage()) {
                    log.debug("The schema registry still cannot be reached: {}", e.getMessage());
                    return;
                }
                log.error("The schema registry refused the public topics' schemas; clients that look them up find"
                        + " none until a restart registers them: {}", e.getMessage());
                retries.shutdown();
            }
        }, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        return retries::shutdownNow;
    }

    // Registering a schema the subject holds already answers its id: after a partial attempt, all again is safe.
    private static void registerAll(DomainSchemas schemas, SchemaRegistryClient registry) {
        for (DomainSchemas.Subject subject : schemas.publicSubjects()) {
            int id = registry.register(subject.name(), subject.schema());
            log.debug("Schema {} registered under {} as id {}", subject.schema().getFullName(), subject.name(), id);
        }
    }
}
