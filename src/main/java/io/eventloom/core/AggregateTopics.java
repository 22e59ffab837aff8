package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.ProcessedCommand;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.SchemaVersions;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/**
 * One aggregate type's topics and serdes, built once: its public topics (commands, events, results), keyed by
 * aggregate id as plain UTF-8, whose value schemas clients read under the topics' subjects; and the serdes of its
 * stores and of the internal topics that carry its records, whose schemas the runtime owns and always registers
 * itself (a governed registry may refuse public registrations, never the runtime's own).
 */
public final class AggregateTopics<S extends SpecificRecord> {

    private final AggregateType<S> type;
    private final Topic<String, SpecificRecord> commands;
    private final Topic<String, SpecificRecord> events;
    private final Topic<String, CommandResult> results;
    private final SnapshotSerde<S> snapshots;
    private final Serde<ProcessedCommand> processed;
    private final Serde<SpecificRecord> internalCommands;
    private final Serde<SpecificRecord> internalEvents;
    private final Serde<CommandResult> internalResults;
    private final SchemaVersions eventVersions;

    private AggregateTopics(AggregateType<S> type, TopicNames names, AvroSerdes serdes, AvroSerdes internal) {
        this.type = type;
        this.commands = new Topic<>(names.commands(type.name()), Serdes.String(),
                widen(serdes.specificValue(type.commandEnvelope())));
        this.events = new Topic<>(names.events(type.name()), Serdes.String(),
                widen(serdes.specificValue(type.eventEnvelope())));
        this.results = new Topic<>(names.commandResults(type.name()), Serdes.String(),
                serdes.specificValue(CommandResult.class));
        this.snapshots = new SnapshotSerde<>(internal.specificValue(type.state()));
        this.processed = internal.specificValue(ProcessedCommand.class);
        this.internalCommands = widen(internal.specificValue(type.commandEnvelope()));
        this.internalEvents = widen(internal.specificValue(type.eventEnvelope()));
        this.internalResults = internal.specificValue(CommandResult.class);
        this.eventVersions = serdes.valueVersions(events.name());
    }

    /**
     * @param serdes   serdes of the public topics, under their topics' subjects
     * @param internal serdes of the stores and internal topics, whose schemas the runtime owns and registers
     */
    public static <S extends SpecificRecord> AggregateTopics<S> of(AggregateType<S> type, TopicNames names,
                                                                  AvroSerdes serdes, AvroSerdes internal) {
        return new AggregateTopics<>(type, names, serdes, internal);
    }

    /** Each type's topics, in the types' order; see {@link #of(AggregateType, TopicNames, AvroSerdes, AvroSerdes)}. */
    public static List<AggregateTopics<?>> of(List<AggregateType<?>> types, TopicNames names, AvroSerdes serdes,
                                              AvroSerdes internal) {
        return types.stream().<AggregateTopics<?>>map(type -> of(type, names, serdes, internal)).toList();
    }

    public AggregateType<S> type() {
        return type;
    }

    /** {@code T.commands}: command envelopes, which anyone may produce. */
    public Topic<String, SpecificRecord> commands() {
        return commands;
    }

    /** {@code T.events}: event envelopes, the source of truth. */
    public Topic<String, SpecificRecord> events() {
        return events;
    }

    /** {@code T.command-results}: one result per command. */
    public Topic<String, CommandResult> results() {
        return results;
    }

    SnapshotSerde<S> snapshots() {
        return snapshots;
    }

    /** Which version of the events subject wrote an event, by its writer's schema id. */
    SchemaVersions eventVersions() {
        return eventVersions;
    }

    Serde<ProcessedCommand> processed() {
        return processed;
    }

    Serde<SpecificRecord> internalCommands() {
        return internalCommands;
    }

    Serde<SpecificRecord> internalEvents() {
        return internalEvents;
    }

    Serde<CommandResult> internalResults() {
        return internalResults;
    }

    // Each serde only ever meets its own type's envelopes; the runtime handles them as SpecificRecord.
    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> widen(Serde<? extends SpecificRecord> serde) {
        return (Serde<SpecificRecord>) serde;
    }
}
