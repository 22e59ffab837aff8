package io.eventloom.core;

import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.EchoState;
import io.eventloom.testing.TestSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The process processor alone: the instances in flight it counts from its store when its task starts. */
class ProcessProcessorTest {

    private static final ProcessStores STORES = ProcessStores.of("echo");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void givenStatesInTheStore_whenTheTaskStarts_thenTheyAreInFlight_andWhenItCloses_thenNoLonger() {
        MockProcessorContext<String, SpecificRecord> context = context();
        KeyValueStore<String, EchoState> states = store(context, STORES.state(),
                TestSerdes.inMemory().specificValue(EchoState.class));
        states.put("src-1", new EchoState(1, 0, 5L, 0));
        states.put("src-2", new EchoState(2, 1, 5L, 0));
        store(context, STORES.deadlines(), Serdes.String());
        ProcessProcessor<EchoState> processor = new ProcessProcessor<>(EchoProcess.TYPE, STORES, Map.of(), Map.of(),
                Map.of(), 1_000);

        processor.init(context);
        assertThat(inFlight()).isEqualTo(2);

        processor.close();
        assertThat(inFlight()).isZero();
    }

    private MockProcessorContext<String, SpecificRecord> context() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "process-processor-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(RuntimeMetrics.CONFIG, new RuntimeMetrics(registry));
        return new MockProcessorContext<>(config);
    }

    private static <V> KeyValueStore<String, V> store(MockProcessorContext<String, SpecificRecord> context,
                                                      String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private double inFlight() {
        return registry.get("eventloom.saga.instances").tag("process", "echo").gauge().value();
    }
}
