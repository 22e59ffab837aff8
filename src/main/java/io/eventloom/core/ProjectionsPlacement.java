package io.eventloom.core;

import java.util.Arrays;
import java.util.List;

/**
 * Where generation 1 of the projections runs: in the commands' Kafka Streams application, so one stream thread and
 * one transaction carry both, or in a Kafka Streams application of its own, whose stream thread and transactions
 * carry none of the commands' work and whose commits no command waits for.
 */
public enum ProjectionsPlacement {
    WITH_COMMANDS("with-commands"),
    OWN_APPLICATION("own-application");

    private static final String OWN_APPLICATION_SUFFIX = "-projections";

    private final String setting;

    ProjectionsPlacement(String setting) {
        this.setting = setting;
    }

    /** The value as written in configuration. */
    public String setting() {
        return setting;
    }

    /** The placement a configuration value names. */
    public static ProjectionsPlacement of(String setting) {
        return Arrays.stream(values()).filter(placement -> placement.setting.equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a projections placement: '" + setting
                        + "' (one of " + String.join(", ", settings()) + ")"));
    }

    /** Every value the setting takes. */
    public static List<String> settings() {
        return Arrays.stream(values()).map(ProjectionsPlacement::setting).toList();
    }

    /**
     * The application id, and so the consumer group, state directory and internal topic prefix, of the application
     * that computes generation 1 of the projections.
     */
    public String applicationId(String runtimeApplicationId) {
        return this == WITH_COMMANDS ? runtimeApplicationId : runtimeApplicationId + OWN_APPLICATION_SUFFIX;
    }
}
