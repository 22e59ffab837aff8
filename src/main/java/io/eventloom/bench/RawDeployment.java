package io.eventloom.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One raw reference on the bench's broker: its input and output topics (named under its own namespace), its
 * application id, its state directory and its commit interval.
 */
record RawDeployment(String bootstrapServers, String namespace, int partitions, Duration commitInterval,
                     Path stateDir) {

    /** A reference named {@code namespace} on the bench's cluster, its state under {@code dir}. */
    static RawDeployment of(BenchCluster cluster, String namespace, int partitions, Duration commitInterval,
                            Path dir) {
        return new RawDeployment(cluster.bootstrapServers(), namespace, partitions, commitInterval,
                dir.resolve(namespace + "-state"));
    }

    String inputTopic() {
        return namespace + ".input";
    }

    String outputTopic() {
        return namespace + ".output";
    }

    String applicationId() {
        return namespace;
    }
}
