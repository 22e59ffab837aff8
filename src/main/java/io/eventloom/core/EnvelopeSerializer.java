package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Serializes command envelopes of several aggregate types, each with its own type's serializer, by topic. */
final class EnvelopeSerializer implements Serializer<SpecificRecord> {

    private final Map<String, Serializer<SpecificRecord>> byTopic = new HashMap<>();

    EnvelopeSerializer(List<AggregateType<?>> types, TopicNames topics, AvroSerdes serdes) {
        for (AggregateType<?> type : types) {
            byTopic.put(topics.commands(type.name()), widen(serdes.specificValue(type.commandEnvelope())
                    .serializer()));
        }
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord envelope) {
        Serializer<SpecificRecord> serializer = byTopic.get(topic);
        if (serializer == null) {
            throw new IllegalArgumentException("no command envelope serializer for topic " + topic);
        }
        return serializer.serialize(topic, envelope);
    }

    // Only envelopes built by this type's codec reach this type's topic.
    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> widen(Serializer<? extends SpecificRecord> serializer) {
        return (Serializer<SpecificRecord>) serializer;
    }
}
