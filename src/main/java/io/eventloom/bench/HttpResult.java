package io.eventloom.bench;

import java.util.List;
import java.util.Map;

/** The HTTP scenario's levels, in the order they ran. */
record HttpResult(HttpPlan plan, List<Level> levels) {

    HttpResult {
        levels = List.copyOf(levels);
    }

    /** One number of requests in flight: the load's outcome and what the liveness probe saw meanwhile. */
    record Level(int inFlight, long requests, Rate rate, LatencySummary latency, Map<String, Long> failures,
                 HealthProbe.Outcome health) {

        Level {
            failures = Map.copyOf(failures);
        }
    }
}
