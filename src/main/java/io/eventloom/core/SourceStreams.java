package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
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
    private final TopicNames topics;
    private final Map<String, AggregateSerdes<?>> serdes;
    private final Map<String, KStream<String, SpecificRecord>> events = new HashMap<>();
    private final Map<String, KStream<String, CommandResult>> results = new HashMap<>();

    SourceStreams(StreamsBuilder builder, TopicNames topics, Map<String, AggregateSerdes<?>> serdes) {
        this.builder = builder;
        this.topics = topics;
        this.serdes = serdes;
    }

    /** The event envelopes of {@code type}, keyed by aggregate id; the source node is {@code T-events-source}. */
    KStream<String, SpecificRecord> events(String type) {
        return events.computeIfAbsent(type, name -> builder.stream(topics.events(name),
                Consumed.with(Serdes.String(), serdes.get(name).events()).withName(name + "-events-source")));
    }

    /** The command results of {@code type}; the source node is {@code T-results-source}. */
    KStream<String, CommandResult> results(String type) {
        return results.computeIfAbsent(type, name -> builder.stream(topics.commandResults(name),
                Consumed.with(Serdes.String(), serdes.get(name).results()).withName(name + "-results-source")));
    }
}
