package io.eventloom.core;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A value serializer or deserializer for a client that writes or reads several topics: each record is handled by
 * its own topic's value serde, as each topic's values have their own schema and subject.
 */
final class ByTopic {

    private ByTopic() {
    }

    static <V> Serializer<V> valueSerializer(List<Topic<String, V>> topics) {
        Map<String, Serializer<V>> byTopic = byName(topics, topic -> topic.valueSerde().serializer());
        return (topic, value) -> known(byTopic, topic).serialize(topic, value);
    }

    static <V> Deserializer<V> valueDeserializer(List<Topic<String, V>> topics) {
        Map<String, Deserializer<V>> byTopic = byName(topics, topic -> topic.valueSerde().deserializer());
        return (topic, bytes) -> known(byTopic, topic).deserialize(topic, bytes);
    }

    private static <V, T> Map<String, T> byName(List<Topic<String, V>> topics, Function<Topic<String, V>, T> part) {
        return topics.stream().collect(Collectors.toUnmodifiableMap(Topic::name, part));
    }

    private static <T> T known(Map<String, T> byTopic, String topic) {
        T part = byTopic.get(topic);
        if (part == null) {
            throw new IllegalArgumentException("no serde for topic " + topic + "; known: " + byTopic.keySet());
        }
        return part;
    }
}
