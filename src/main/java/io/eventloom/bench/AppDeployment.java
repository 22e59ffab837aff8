package io.eventloom.bench;

import io.eventloom.app.EventloomConfig;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.FreePort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One Eventloom app on the bench's broker and registry, as users configure it: its own topic namespace and
 * application id, a fresh state directory, a free HTTP port and the commit interval the scenario needs.
 */
record AppDeployment(String bootstrapServers, String schemaRegistryUrl, String name, int partitions,
                     Duration commitInterval, Path stateDir, int httpPort, Map<String, String> settings) {

    /** The settings the bench gives every app itself; {@code --app-setting} cannot change them. */
    static final Set<String> BENCH_SETTINGS = Set.of(EventloomConfig.BOOTSTRAP_SERVERS,
            EventloomConfig.SCHEMA_REGISTRY_URL, EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER,
            EventloomConfig.TOPIC_NAMESPACE, EventloomConfig.TOPIC_PARTITIONS, EventloomConfig.APPLICATION_ID,
            EventloomConfig.STREAMS_STATE_DIR, EventloomConfig.STREAMS_COMMIT_INTERVAL_MS, EventloomConfig.HTTP_PORT,
            EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE);

    AppDeployment {
        settings = Map.copyOf(settings);
    }

    /**
     * A deployment named {@code name} on the bench's cluster, its state under {@code dir}, on a free port, with the
     * run's app settings.
     */
    static AppDeployment of(BenchContext context, String name, int partitions, Duration commitInterval, Path dir) {
        return new AppDeployment(context.cluster().bootstrapServers(), context.cluster().schemaRegistryUrl(), name,
                partitions, commitInterval, dir.resolve(name + "-state"), FreePort.find(), context.appSettings());
    }

    TopicNames topics() {
        return new TopicNames(name);
    }

    String applicationId() {
        return name;
    }

    /** Where the app keeps the admin key it makes at its first start: the bench's requests carry it. */
    Path adminTokenFile() {
        return stateDir.resolve("admin.token");
    }

    /** The {@code EVENTLOOM_*} variables that configure {@code io.eventloom.app.Main} for this deployment. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        settings.forEach((key, value) -> environment.put(EventloomConfig.envNameOf(key), value));
        environment.putAll(Map.of(
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
                EventloomConfig.envNameOf(EventloomConfig.HTTP_PORT), String.valueOf(httpPort)));
        environment.put(EventloomConfig.envNameOf(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE),
                adminTokenFile().toAbsolutePath().toString());
        return environment;
    }
}
