package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.util.HashMap;
import java.util.Map;

/**
 * One stream per aggregate type's event topic and per command-results topic, shared by every process and
 * projection that reads it: a {@link StreamsBuilder} accepts each topic as a source only once.
 */
final class SourceStreams {

    private final StreamsBuilder builder;
    private final Map<String, AggregateTopics<?>> types;
    private final Map<String, KStream<String, SpecificRecord>> events = new HashMap<>();
    private final Map<String, KStream<String, CommandResult>> results = new HashMap<>();

    SourceStreams(StreamsBuilder builder, Map<String, AggregateTopics<?>> types) {
        this.builder = builder;
        this.types = types;
    }

    /** The event envelopes of {@code type}, keyed by aggregate id; the source node is {@code T-events-source}. */
    KStream<String, SpecificRecord> events(String type) {
        return events.computeIfAbsent(type, name -> stream(types.get(name).events(), name + "-events-source"));
    }

    /** The command results of {@code type}; the source node is {@code T-results-source}. */
    KStream<String, CommandResult> results(String type) {
        return results.computeIfAbsent(type, name -> stream(types.get(name).results(), name + "-results-source"));
    }

    private <V> KStream<String, V> stream(Topic<String, V> topic, String sourceName) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName));
    }
}
