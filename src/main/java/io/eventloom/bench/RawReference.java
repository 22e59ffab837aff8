package io.eventloom.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The raw Kafka Streams reference running in a child JVM on its own topics, RUNNING once {@link #start} returns. */
final class RawReference implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final RawDeployment deployment;
    private final RuntimeChild child;

    private RawReference(RawDeployment deployment, RuntimeChild child) {
        this.deployment = deployment;
        this.child = child;
    }

    static RawReference start(RawDeployment deployment, Path log, PrintStream progress) throws InterruptedException {
        BenchTopics.create(deployment.bootstrapServers(),
                List.of(deployment.inputTopic(), deployment.outputTopic()), deployment.partitions());
        progress.printf("[%s] starting raw Kafka Streams (commit %d ms), log in %s%n", deployment.namespace(),
                deployment.commitInterval().toMillis(), log);
        RuntimeChild child = RuntimeChild.start(RawStreamsProcess.class.getName(),
                RawStreamsProcess.arguments(deployment), log);
        try {
            child.awaitReady(READY_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            child.close();
            throw e;
        }
        return new RawReference(deployment, child);
    }

    RawDeployment deployment() {
        return deployment;
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** SIGTERM, so its last transaction commits and the next reference starts on a quiet broker. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (child.isAlive()) {
                child.stop();
            }
        } finally {
            child.close();
        }
    }
}
