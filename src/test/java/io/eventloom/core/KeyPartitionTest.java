package io.eventloom.core;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers go straight to an aggregate's partition: the one Java's producer (and so the gateway and Kafka Streams'
 * metadata) gives its id.
 */
class KeyPartitionTest {

    @Test
    void givenAnyKey_whenPlaced_thenThePartitionJavasProducerGivesIt() {
        for (int partitions : new int[] {1, 2, 6, 7, 64}) {
            IntStream.range(0, 2_000).mapToObj(i -> i % 3 == 0 ? "p-" + i : "ä-€-" + i + "-𝄞").forEach(key ->
                    assertThat(KeyPartition.of(key, partitions)).as(key + " of " + partitions)
                            .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8),
                                    partitions)));
        }
    }

    @Test
    void givenTheEmptyKey_whenPlaced_thenAPartitionInRange() {
        assertThat(KeyPartition.of("", 6)).isBetween(0, 5);
    }
}
