package io.eventloom.bench;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawTopologyTest {

    @Test
    void givenTwoRecordsForOneKey_whenProcessed_thenEachIsPassedOnAndTheStoreHoldsTheLatest() {
        try (TopologyTestDriver driver = new TopologyTestDriver(RawTopology.build("in", "out"))) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            byte[] key = "product-1".getBytes(StandardCharsets.UTF_8);

            in.pipeInput(key, RawRecords.value("c-1"));
            in.pipeInput(key, RawRecords.value("c-2"));

            assertThat(out.readValuesToList()).extracting(RawRecords::commandId).isEqualTo(List.of("c-1", "c-2"));
            KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(RawTopology.STORE);
            assertThat(RawRecords.commandId(store.get(Bytes.wrap(key)))).isEqualTo("c-2");
        }
    }

    @Test
    void givenACommandId_whenMadeIntoAValue_thenTheValueHasACommandsSizeAndGivesTheIdBack() {
        byte[] value = RawRecords.value("lat-20ms-1000-123");

        assertThat(value).hasSize(RawRecords.VALUE_BYTES);
        assertThat(RawRecords.commandId(value)).isEqualTo("lat-20ms-1000-123");
    }
}
