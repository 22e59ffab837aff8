package io.eventloom.core;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this instance has sent to the dead-letter topic since it started: how many records and the last one. A
 * dead letter does not make the instance unready (processing goes on past it), but someone has to look at it, so
 * {@code /health/ready} shows it.
 */
public final class DeadLetters implements HealthCheck {

    /** The Kafka Streams config entry through which the exception handlers find this instance's monitor. */
    public static final String CONFIG = "eventloom.dead.letters";

    private final Clock clock;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<Map<String, Object>> last = new AtomicReference<>();

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    public DeadLetters() {
        this(Clock.systemUTC());
    }

    /** One record went to the dead letters (its transaction may still abort; then it is dead-lettered again). */
    void recorded(String topic, int partition, long offset, String processor, Throwable error) {
        count.incrementAndGet();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", topic);
        details.put("partition", partition);
        details.put("offset", offset);
        details.put("processor", processor);
        details.put("error", error.getClass().getSimpleName() + ": " + error.getMessage());
        details.put("at", Instant.now(clock).toString());
        last.set(details);
    }

    public long count() {
        return count.get();
    }

    @Override
    public String name() {
        return "dead-letters";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sinceStart", count.get());
        Map<String, Object> latest = last.get();
        if (latest != null) {
            details.put("last", latest);
        }
        return Health.up(details);
    }
}
