package io.eventloom.bench;

import io.eventloom.app.EventloomConfig;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.FreePort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Eventloom app on the bench's broker and registry, as users configure it: its own topic namespace and
 * application id, a fresh state directory, a free HTTP port and the commit interval the scenario needs.
 */
record AppDeployment(String bootstrapServers, String schemaRegistryUrl, String name, int partitions,
                     Duration commitInterval, Path stateDir, int httpPort) {

    /** A deployment named {@code name} on the bench's cluster, its state under {@code dir}, on a free port. */
    static AppDeployment of(BenchCluster cluster, String name, int partitions, Duration commitInterval, Path dir) {
        return new AppDeployment(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), name, partitions,
                commitInterval, dir.resolve(name + "-state"), FreePort.find());
    }

    TopicNames topics() {
        return new TopicNames(name);
    }

    String applicationId() {
        return name;
    }

    /** The {@code EVENTLOOM_*} variables that configure {@code io.eventloom.app.Main} for this deployment. */
    Map<String, String> environment() {
        return Map.of(
                EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS), bootstrapServers,
                EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL), schemaRegistryUrl,
                // With a registry URL set the app expects schemas to be registered; the bench's registry is its own.
                EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER), "true",
                EventloomConfig.envNameOf(EventloomConfig.TOPIC_NAMESPACE), name,
                EventloomConfig.envNameOf(EventloomConfig.TOPIC_PARTITIONS), String.valueOf(partitions),
                EventloomConfig.envNameOf(EventloomConfig.APPLICATION_ID), applicationId(),
                EventloomConfig.envNameOf(EventloomConfig.STREAMS_STATE_DIR), stateDir.toAbsolutePath().toString(),
                EventloomConfig.envNameOf(EventloomConfig.STREAMS_COMMIT_INTERVAL_MS),
                String.valueOf(commitInterval.toMillis()),
                EventloomConfig.envNameOf(EventloomConfig.HTTP_PORT), String.valueOf(httpPort));
    }
}
