package io.eventloom.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/** How a record's subject is named, as Confluent's strategies of the same names do it. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic. */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types per topic, each with its own lineage. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String confluentName;

    SubjectNameStrategy(String confluentName) {
        this.confluentName = confluentName;
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** Accepts our names ({@code TOPIC_NAME}) and Confluent's, short or as class names. */
    public static SubjectNameStrategy parse(String name) {
        String trimmed = name.trim();
        String simple = trimmed.startsWith(CONFLUENT_PACKAGE) ? trimmed.substring(CONFLUENT_PACKAGE.length()) : trimmed;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.confluentName.equals(simple) || strategy.name().equals(simple.toUpperCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new ConfigException("unknown subject name strategy '" + name + "'; use TopicNameStrategy, "
                + "RecordNameStrategy or TopicRecordNameStrategy (or Confluent's class names)");
    }
}
