package io.eventloom.core;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose serializer refuses a value larger than a limit, so that a store write or a repartition record
 * that the log could not hold fails at once, inside processing, where the exception handler dead-letters its input
 * and nothing has been written, instead of failing the commit later and forever.
 */
final class SizeLimitedSerde<T> implements Serde<T> {

    private final Serde<T> inner;
    private final int maxBytes;
    private final String what;

    private SizeLimitedSerde(Serde<T> inner, int maxBytes, String what) {
        this.inner = inner;
        this.maxBytes = maxBytes;
        this.what = what;
    }

    /** @param what names the values, for the error message ("row of projection product-catalog") */
    static <T> Serde<T> of(Serde<T> inner, int maxBytes, String what) {
        return new SizeLimitedSerde<>(inner, maxBytes, what);
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> serializer = inner.serializer();
        return (topic, value) -> {
            byte[] bytes = serializer.serialize(topic, value);
            if (bytes != null && bytes.length > maxBytes) {
                throw new OutputTooLargeException(what + " would be " + bytes.length + " bytes, over the "
                        + maxBytes + " bytes such a record may take in the log");
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return inner.deserializer();
    }
}
