package io.eventloom.core;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/**
 * The runtime's {@code group.instance.id}, kept in its state directory: a restart on the same disk (after a crash
 * too) takes its old place in the consumer group at once, instead of waiting for the dead member's session to time
 * out, while two instances can never share an id, since Kafka Streams locks a state directory to one process.
 */
final class StaticMembership {

    private static final String ID = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
    private static final String SUFFIX = ".member-id";

    private StaticMembership() {
    }

    /**
     * Adds the id to a Kafka Streams configuration unless the user has set one; Kafka Streams appends each stream
     * thread's index to it.
     */
    static void addTo(Map<Object, Object> config, Path stateDir, String applicationId) {
        if (config.containsKey(ID) || config.containsKey(StreamsConfig.consumerPrefix(ID))
                || config.containsKey(StreamsConfig.mainConsumerPrefix(ID))) {
            return;
        }
        config.put(StreamsConfig.mainConsumerPrefix(ID), memberId(stateDir, applicationId));
    }

    /** The id stored for the application in the state directory, created on first use. */
    static String memberId(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + SUFFIX);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String id = applicationId + "-" + UUID.randomUUID();
            Files.createDirectories(stateDir);
            // Written whole or not at all: a crash while writing must not leave a half id to be read next time.
            Path partial = Files.createTempFile(stateDir, applicationId, SUFFIX + ".tmp");
            Files.writeString(partial, id, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the group member id in " + file, e);
        }
    }

    /** Deletes the application's stored id, once the application is gone for good. */
    static void forget(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + SUFFIX);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the group member id in " + file, e);
        }
    }
}
