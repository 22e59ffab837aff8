package io.eventloom.testing;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB memtables of 64 KiB, so that a test with a few megabytes of state sees RocksDB flush to disk as a
 * production store with gigabytes does: what a crash can lose is the unflushed tail, never the whole store.
 */
public final class SmallMemtables implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setWriteBufferSize(64 * 1024);
    }

    @Override
    public void close(String storeName, Options options) {
    }
}
