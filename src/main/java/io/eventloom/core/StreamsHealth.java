package io.eventloom.core;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Readiness and liveness of this instance's Kafka Streams applications, as the least ready of them. Ready: it can serve
 * reads and accept commands (RUNNING, or REBALANCING once it has run since start, when its stores are restored and a
 * key it cannot answer gets 503), and no stream thread failed lately. Live: not failed for good (ERROR), which only a
 * restart mends.
 */
final class StreamsHealth {

    /** How long after a stream thread failed the instance counts as not ready. */
    static final Duration UNREADY_AFTER_FAILURE = Duration.ofSeconds(15);

    private final Supplier<KafkaStreams.State> state;
    private final ThreadFailures failures;
    private final RestoreProgress restores;
    private volatile boolean ranSinceStart;

    StreamsHealth(Supplier<KafkaStreams.State> state, ThreadFailures failures, RestoreProgress restores) {
        this.state = state;
        this.failures = failures;
        this.restores = restores;
    }

    /**
     * The state of the applications taken together: failed if one has failed, stopped if one has stopped, starting
     * while one has not started, rebalancing while one rebalances, running once all run.
     */
    static KafkaStreams.State leastReady(List<KafkaStreams> applications) {
        return leastReadyOf(applications.stream().map(KafkaStreams::state).toList());
    }

    static KafkaStreams.State leastReadyOf(List<KafkaStreams.State> states) {
        return states.stream().max(Comparator.comparingInt(StreamsHealth::unreadiness))
                .orElse(KafkaStreams.State.NOT_RUNNING);
    }

    private static int unreadiness(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> 0;
            case REBALANCING -> 1;
            case CREATED -> 2;
            case PENDING_SHUTDOWN, NOT_RUNNING -> 3;
            case PENDING_ERROR, ERROR -> 4;
        };
    }

    /** Follows the applications' state changes, taken together; set as part of each one's state listener. */
    void onChange(KafkaStreams.State now) {
        if (now == KafkaStreams.State.RUNNING) {
            ranSinceStart = true;
        }
    }

    HealthCheck readiness() {
        return check(() -> {
            KafkaStreams.State now = state.get();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", now.name());
            if (now == KafkaStreams.State.REBALANCING) {
                details.putAll(restores.progress());
            }
            Optional<Map<String, Object>> failure = failures.within(ThreadFailures.QUIET);
            failure.ifPresent(details::putAll);
            boolean failing = failures.within(UNREADY_AFTER_FAILURE).isPresent();
            return new Health(serving(now) && !failing, details);
        });
    }

    HealthCheck liveness() {
        return check(() -> {
            KafkaStreams.State now = state.get();
            boolean failed = now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR;
            return new Health(!failed, Map.of("state", now.name()));
        });
    }

    // A rebalance before the first RUNNING is the start itself: the stores may still be restoring.
    private boolean serving(KafkaStreams.State now) {
        return now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.REBALANCING && ranSinceStart;
    }

    private static HealthCheck check(Supplier<Health> health) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "streams";
            }

            @Override
            public Health check() {
                return health.get();
            }
        };
    }
}
