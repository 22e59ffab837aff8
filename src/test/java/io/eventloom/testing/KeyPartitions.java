package io.eventloom.testing;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/** The partition Kafka's default partitioner gives a string key: where a key's task and its stores live. */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
