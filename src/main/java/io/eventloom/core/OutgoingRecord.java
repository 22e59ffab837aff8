package io.eventloom.core;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A value the command processor has already serialized (and measured against the record limit), with the topic
 * it goes to: one sink writes the events, the results and rerouted commands, and nothing is serialized twice.
 */
record OutgoingRecord(String topic, byte[] value) {

    /** Picks each record's topic; Kafka Streams prints it in the topology description. */
    static final TopicNameExtractor<String, OutgoingRecord> TOPIC = new TopicNameExtractor<>() {
        @Override
        public String extract(String key, OutgoingRecord record, org.apache.kafka.streams.processor.RecordContext context) {
            return record.topic();
        }

        @Override
        public String toString() {
            return "OutgoingRecord.topic";
        }
    };

    /** Writes the bytes as they are; nothing ever reads an OutgoingRecord back. */
    static Serde<OutgoingRecord> serde() {
        return Serdes.serdeFrom((topic, record) -> record == null ? null : record.value(), (topic, bytes) -> {
            throw new UnsupportedOperationException("outgoing records are never read back");
        });
    }
}
