package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sends each command envelope to its aggregate type's command topic, chosen by the envelope's class. */
final class CommandTopicExtractor implements TopicNameExtractor<String, SpecificRecord> {

    private final Map<Class<?>, String> topicByEnvelope = new HashMap<>();

    CommandTopicExtractor(List<AggregateType<?>> types, TopicNames topics) {
        types.forEach(type -> topicByEnvelope.put(type.commandEnvelope(), topics.commands(type.name())));
    }

    @Override
    public String extract(String key, SpecificRecord envelope, RecordContext context) {
        String topic = topicByEnvelope.get(envelope.getClass());
        if (topic == null) {
            throw new IllegalStateException("no command topic for " + envelope.getClass().getName());
        }
        return topic;
    }

    // Kafka Streams prints this in the topology description, which must not change from run to run.
    @Override
    public String toString() {
        return "CommandTopicExtractor" + topicByEnvelope.values().stream().sorted().toList();
    }
}
