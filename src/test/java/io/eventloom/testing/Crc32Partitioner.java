package io.eventloom.testing;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

import java.util.Map;
import java.util.zip.CRC32;

/**
 * Picks partitions the way librdkafka's default ({@code consistent_random}) does for keyed records: CRC32 of the
 * key modulo the partition count. Python, Go, .NET and node-rdkafka producers partition like this by default.
 */
public final class Crc32Partitioner implements Partitioner {

    public static int partitionOf(byte[] key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        return partitionOf(keyBytes, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
