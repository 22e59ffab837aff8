package io.eventloom.bench;

import java.util.Comparator;
import java.util.List;

/** What the restart bench measured for one store configuration. */
record ConfigurationResult(StoreConfiguration configuration, LoadMeasurement load,
                                  List<RestartMeasurement> restarts) {

    ConfigurationResult {
        restarts = restarts.stream().sorted(Comparator.comparing(RestartMeasurement::kind)).toList();
    }
}
