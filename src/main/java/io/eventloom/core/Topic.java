package io.eventloom.core;

import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/** One topic as code reads and writes it: its name and the serdes of its keys and values, built once. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
