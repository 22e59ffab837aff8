package io.eventloom.app;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schemas of every public topic at start, so that a client written against the registry
 * alone, in any language, finds the latest command schema under its subject before Eventloom wrote anything.
 */
final class PublicSchemas {

    private static final Logger log = LoggerFactory.getLogger(PublicSchemas.class);

    private PublicSchemas() {
    }

    static void register(Domain domain, TopicNames topics, SchemaRegistryClient registry, AvroSerdeConfig config) {
        for (AggregateType<?> type : domain.aggregates()) {
            register(registry, config, topics.commands(type.name()), schemaOf(type.commandEnvelope()));
            register(registry, config, topics.events(type.name()), schemaOf(type.eventEnvelope()));
            register(registry, config, topics.commandResults(type.name()), CommandResult.getClassSchema());
        }
    }

    private static void register(SchemaRegistryClient registry, AvroSerdeConfig config, String topic, Schema schema) {
        String subject = config.subjectNameStrategy().subject(topic, false, schema);
        int id = registry.register(subject, schema);
        log.debug("Schema of {} registered under {} as id {}", topic, subject, id);
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }
}
