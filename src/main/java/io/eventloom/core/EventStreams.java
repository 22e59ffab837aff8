package io.eventloom.core;

import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.util.HashMap;
import java.util.Map;

/**
 * One stream per aggregate type's event topic, shared by every process and projection that reads it: a
 * {@link StreamsBuilder} accepts each topic as a source only once.
 */
final class EventStreams {

    private final StreamsBuilder builder;
    private final TopicNames topics;
    private final AvroSerdes serdes;
    private final Map<String, KStream<String, SpecificRecord>> streams = new HashMap<>();

    EventStreams(StreamsBuilder builder, TopicNames topics, AvroSerdes serdes) {
        this.builder = builder;
        this.topics = topics;
        this.serdes = serdes;
    }

    /** The event envelopes of {@code type}, keyed by aggregate id; the source node is {@code T-events-source}. */
    KStream<String, SpecificRecord> of(AggregateType<?> type) {
        return streams.computeIfAbsent(type.name(), name -> builder.stream(topics.events(name),
                Consumed.with(Serdes.String(), serde(type)).withName(name + "-events-source")));
    }

    /** The serde of {@code type}'s event envelopes on the public topics. */
    Serde<SpecificRecord> serde(AggregateType<?> type) {
        return widen(serdes.specificValue(type.eventEnvelope()));
    }

    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> widen(Serde<? extends SpecificRecord> serde) {
        return (Serde<SpecificRecord>) serde;
    }
}
