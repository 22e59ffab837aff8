package io.eventloom.serde;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/** Which version of a topic's value subject a writer's schema id is: what a reader of old records is shown. */
public final class SchemaVersions {

    private static final Logger log = LoggerFactory.getLogger(SchemaVersions.class);

    private final SchemaRegistryClient client;
    private final SubjectNameStrategy strategy;
    private final String topic;

    SchemaVersions(SchemaRegistryClient client, SubjectNameStrategy strategy, String topic) {
        this.client = client;
        this.strategy = strategy;
        this.topic = topic;
    }

    /**
     * The version of the subject that holds {@code schemaId}; empty when the subject does not hold it or the
     * registry cannot say now (the record itself was read all the same, so its version is worth no failure).
     */
    public OptionalInt of(int schemaId) {
        try {
            // Only the record-name strategies need the schema to name the subject; the topic's name needs none.
            String subject = strategy == SubjectNameStrategy.TOPIC_NAME ? strategy.subject(topic, false, null)
                    : strategy.subject(topic, false, client.schemaById(schemaId));
            return client.versionOf(subject, schemaId);
        } catch (SchemaRegistryException e) {
            log.debug("Version of schema id {} on {} unknown for now: {}", schemaId, topic, e.getMessage());
            return OptionalInt.empty();
        }
    }
}
