package io.eventloom.core;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Stores a snapshot as its version (8 bytes, big-endian) followed by the state in the inner serde's format. */
final class SnapshotSerde<S> implements Serde<Snapshot<S>> {

    private final Serde<S> state;

    SnapshotSerde(Serde<S> state) {
        this.state = state;
    }

    @Override
    public Serializer<Snapshot<S>> serializer() {
        return (topic, snapshot) -> {
            if (snapshot == null) {
                return null;
            }
            byte[] body = state.serializer().serialize(topic, snapshot.state());
            return ByteBuffer.allocate(Long.BYTES + body.length).putLong(snapshot.version()).put(body).array();
        };
    }

    @Override
    public Deserializer<Snapshot<S>> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < Long.BYTES) {
                throw new SerializationException("snapshot in " + topic + " is " + bytes.length
                        + " bytes, too short for its version");
            }
            long version = ByteBuffer.wrap(bytes).getLong();
            S value = state.deserializer().deserialize(topic, Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
            return new Snapshot<>(version, value);
        };
    }
}
