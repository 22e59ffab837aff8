package io.eventloom.bench;

import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every scenario of one bench run shares: the broker and registry, the Avro serdes, a directory, the log, and
 * the settings every Eventloom app gets on top of the bench's own.
 */
record BenchContext(BenchCluster cluster, AvroSerdes serdes, Path dir, PrintStream log,
                    Map<String, String> appSettings) {

    /** How often a long step prints its progress line. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    static BenchContext of(BenchCluster cluster, Path dir, PrintStream log, Map<String, String> appSettings) {
        return new BenchContext(cluster, new AvroSerdes(new HttpSchemaRegistryClient(cluster.schemaRegistryUrl()),
                AvroSerdeConfig.autoRegistering()), dir, log, Map.copyOf(appSettings));
    }

    /** A fresh directory for one scenario's state and logs. */
    Path scenarioDir(String scenario) {
        Path path = dir.resolve(scenario);
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    CommandLoad load() {
        return new CommandLoad(cluster.bootstrapServers(), serdes);
    }

    Progress progress(String what, long total) {
        return new Progress(what, total, PROGRESS_INTERVAL, log);
    }
}
