package io.eventloom.bench;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The reference the bench measures Eventloom against: the least a command processor does in Kafka Streams. One
 * persistent RocksDB store (changelogged), one get and one put per record, one output record per input record.
 */
final class RawTopology {

    static final String STORE = "raw-state";
    private static final String SOURCE = "raw-source";
    private static final String PROCESSOR = "raw-get-put";
    private static final String SINK = "raw-sink";

    private RawTopology() {
    }

    static Topology build(String inputTopic, String outputTopic) {
        return new Topology()
                .addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), inputTopic)
                .addProcessor(PROCESSOR, GetPut::new, SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                        Serdes.ByteArray()), PROCESSOR)
                .addSink(SINK, outputTopic, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    }

    /** Reads the key's previous value, stores the new one and passes the record on. */
    private static final class GetPut implements Processor<byte[], byte[], byte[], byte[]> {

        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Bytes key = Bytes.wrap(record.key());
            // The read a command processor makes to decide; its answer is not needed to echo the record.
            store.get(key);
            store.put(key, record.value());
            context.forward(record);
        }
    }
}
