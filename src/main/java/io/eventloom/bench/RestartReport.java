package io.eventloom.bench;

import java.util.List;

/** Everything one {@code bench restart} run measured, with the sizes and the machine it ran on. */
record RestartReport(RestartPlan plan, Machine machine, List<ConfigurationResult> results) {

    RestartReport {
        results = List.copyOf(results);
    }
}
