package io.eventloom.core.counter;

import io.eventloom.core.AggregateTopics;
import io.eventloom.core.Topic;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;

/** The counter's public topics as the runtime describes them, typed with the counter's generated envelopes. */
public record CounterTopics(Topic<String, CounterCommandEnvelope> commands, Topic<String, CounterEventEnvelope> events,
                            Topic<String, CommandResult> results) {

    public static CounterTopics of(TopicNames names, AvroSerdes serdes) {
        AggregateTopics<CounterState> topics = AggregateTopics.of(CounterAggregate.TYPE, names, serdes, serdes);
        return new CounterTopics(typed(topics.commands()), typed(topics.events()), topics.results());
    }

    // The runtime builds each envelope serde for the type's generated class: it writes and reads only that class.
    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> Topic<String, V> typed(Topic<String, SpecificRecord> topic) {
        return (Topic<String, V>) (Topic<String, ?>) topic;
    }
}
