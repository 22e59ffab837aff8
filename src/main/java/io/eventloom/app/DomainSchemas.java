package io.eventloom.app;

import io.eventloom.core.AggregateType;
import io.eventloom.core.Domain;
import io.eventloom.core.ProcessType;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.ProcessedCommand;
import io.eventloom.serde.SubjectNameStrategy;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every schema a domain's app registers: each public topic's value schema under its subject, and every type the
 * runtime keeps in its stores or passes between its tasks, each with the kind of data it carries.
 */
final class DomainSchemas {

    /** A subject and the schema the app registers under it. */
    record Subject(String name, Schema schema) {
    }

    private final List<Subject> publicSubjects;
    private final Map<String, Schema> schemasByName;
    private final Map<String, SchemaKind> kindsByName;

    private DomainSchemas(List<Subject> publicSubjects, Map<String, Schema> schemasByName,
                          Map<String, SchemaKind> kindsByName) {
        this.publicSubjects = List.copyOf(publicSubjects);
        this.schemasByName = Map.copyOf(schemasByName);
        this.kindsByName = Map.copyOf(kindsByName);
    }

    static DomainSchemas of(Domain domain, TopicNames topics) {
        List<Subject> subjects = new ArrayList<>();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Map<String, SchemaKind> kinds = new LinkedHashMap<>();
        for (AggregateType<?> type : domain.aggregates()) {
            Schema commands = schemaOf(type.commandEnvelope());
            Schema events = schemaOf(type.eventEnvelope());
            subjects.add(subject(topics.commands(type.name()), commands));
            subjects.add(subject(topics.events(type.name()), events));
            subjects.add(subject(topics.commandResults(type.name()), CommandResult.getClassSchema()));
            add(schemas, kinds, commands, SchemaKind.COMMANDS);
            add(schemas, kinds, events, SchemaKind.EVENTS);
            add(schemas, kinds, schemaOf(type.state()), SchemaKind.SNAPSHOTS);
        }
        add(schemas, kinds, CommandResult.getClassSchema(), SchemaKind.COMMAND_RESULTS);
        add(schemas, kinds, ProcessedCommand.getClassSchema(), SchemaKind.STATE);
        for (ProcessType<?> process : domain.processes()) {
            add(schemas, kinds, schemaOf(process.state()), SchemaKind.STATE);
        }
        for (ProjectionType<?> projection : domain.projections()) {
            add(schemas, kinds, schemaOf(projection.row()), SchemaKind.STATE);
        }
        return new DomainSchemas(subjects, schemas, kinds);
    }

    /** The value subjects of the public topics, with their schemas: what any client of the app reads or writes. */
    List<Subject> publicSubjects() {
        return publicSubjects;
    }

    /** This build's schema of the record with the given full name, if the app registers one. */
    Optional<Schema> named(String fullName) {
        return Optional.ofNullable(schemasByName.get(fullName));
    }

    /** What the schema carries; a type the app does not register on its own is treated as state, the strictest. */
    SchemaKind kindOf(Schema schema) {
        return schema.getType() == Schema.Type.RECORD
                ? kindsByName.getOrDefault(schema.getFullName(), SchemaKind.STATE) : SchemaKind.STATE;
    }

    private static Subject subject(String topic, Schema schema) {
        return new Subject(SubjectNameStrategy.TOPIC_NAME.subject(topic, false, schema), schema);
    }

    private static void add(Map<String, Schema> schemas, Map<String, SchemaKind> kinds, Schema schema,
                            SchemaKind kind) {
        schemas.put(schema.getFullName(), schema);
        kinds.put(schema.getFullName(), kind);
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }
}
