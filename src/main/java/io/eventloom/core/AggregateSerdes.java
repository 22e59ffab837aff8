package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.ProcessedCommand;
import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * One aggregate type's serdes: its public topics' (commands, events, results), whose schemas clients read under
 * the topics' subjects, and its stores' and internal topics', whose schemas the runtime owns and always registers
 * itself (a governed registry may refuse public registrations, never the runtime's own).
 */
record AggregateSerdes<S extends SpecificRecord>(
        Serde<SpecificRecord> commands,
        Serde<SpecificRecord> events,
        Serde<CommandResult> results,
        SnapshotSerde<S> snapshots,
        Serde<ProcessedCommand> processed,
        Serde<SpecificRecord> internalCommands,
        Serde<SpecificRecord> internalEvents,
        Serde<CommandResult> internalResults) {

    static <S extends SpecificRecord> AggregateSerdes<S> of(AggregateType<S> type, AvroSerdes serdes,
                                                           AvroSerdes internal) {
        return new AggregateSerdes<>(
                widen(serdes.specificValue(type.commandEnvelope())),
                widen(serdes.specificValue(type.eventEnvelope())),
                serdes.specificValue(CommandResult.class),
                new SnapshotSerde<>(internal.specificValue(type.state())),
                internal.specificValue(ProcessedCommand.class),
                widen(internal.specificValue(type.commandEnvelope())),
                widen(internal.specificValue(type.eventEnvelope())),
                internal.specificValue(CommandResult.class));
    }

    // Each serde only ever meets its own type's envelopes; the runtime handles them as SpecificRecord.
    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> widen(Serde<? extends SpecificRecord> serde) {
        return (Serde<SpecificRecord>) serde;
    }
}
