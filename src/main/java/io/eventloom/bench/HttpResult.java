package io.eventloom.bench;

import java.util.List;
import java.util.Map;

/** The HTTP scenario's levels, in the order they ran. */
record HttpResult(HttpPlan plan, List<Level> levels) {

    HttpResult {
        levels = List.copyOf(levels);
    }

    /**
     * One number of requests in flight: the load's outcome, what the liveness probe saw meanwhile, and the same load
     * of {@code GET /health/live} alone, the reference.
     */
    record Level(int inFlight, long requests, Rate rate, LatencySummary latency, Map<String, Long> failures,
                 HealthProbe.Outcome health, ClosedLoopHttp.Outcome reference) {

        Level {
            failures = Map.copyOf(failures);
        }
    }
}
