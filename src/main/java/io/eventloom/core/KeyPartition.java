package io.eventloom.core;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * The partition an aggregate id belongs to: Kafka's default partitioner (murmur2 of the key's UTF-8 bytes) over the
 * runtime's partition count. The command processor keeps each aggregate's state in the task of that partition,
 * whichever partition a client produced the command to, so readers find it there too.
 */
final class KeyPartition {

    private KeyPartition() {
    }

    static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
