package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs one process manager: per instance, react to the input, store the evolved state, send the commands. The
 * commands are built and measured before the state is written, so an input whose commands could not be sent
 * changes nothing and goes to the dead letters instead.
 */
final class ProcessProcessor<S extends SpecificRecord>
        implements Processor<String, ProcessInput, String, SpecificRecord> {

    /** The command metadata entry naming the process that sent a command. */
    static final String PROCESS_METADATA = "process";

    private final ProcessType<S> process;
    private final String storeName;
    private final Map<String, EnvelopeCodec> codecs;
    private final Map<String, Serializer<SpecificRecord>> commandSizers;
    private final Map<String, String> repartitions;
    private final Map<String, String> commandTopics = new HashMap<>();
    private final int maxCommandBytes;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, S> store;

    /**
     * @param commandSizers  per target type, the serializer of its command topic from this process, to measure
     *                       each command before anything is written
     * @param repartitions   per target type, the name of the repartition those commands travel through
     */
    ProcessProcessor(ProcessType<S> process, String storeName, Map<String, EnvelopeCodec> codecs,
                     Map<String, Serializer<SpecificRecord>> commandSizers, Map<String, String> repartitions,
                     int maxCommandBytes) {
        this.process = process;
        this.storeName = storeName;
        this.codecs = codecs;
        this.commandSizers = commandSizers;
        this.repartitions = repartitions;
        this.maxCommandBytes = maxCommandBytes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Kafka Streams names a repartition topic after the application; the serializer names subjects after it.
        repartitions.forEach((type, name) -> commandTopics.put(type,
                context.applicationId() + "-" + name + "-repartition"));
    }

    @Override
    public void process(Record<String, ProcessInput> record) {
        ProcessManager<S> manager = process.manager();
        S state = Optional.ofNullable(store.get(record.key())).orElseGet(manager::initialState);
        List<ProcessCommand> commands = manager.react(state, record.value());
        S next = manager.evolve(state, record.value());
        List<Record<String, SpecificRecord>> outgoing = new ArrayList<>(commands.size());
        for (ProcessCommand command : commands) {
            outgoing.add(envelope(command, record.timestamp()));
        }
        if (manager.isTerminal(next)) {
            store.delete(record.key());
        } else {
            store.put(record.key(), next);
        }
        outgoing.forEach(context::forward);
    }

    private Record<String, SpecificRecord> envelope(ProcessCommand command, long timestamp) {
        EnvelopeCodec codec = codecs.get(command.aggregateType());
        if (codec == null || !process.commandsTo().contains(command.aggregateType())) {
            throw new IllegalStateException("process " + process.name() + " sent a command to "
                    + command.aggregateType() + ", which is not among the types it declares: " + process.commandsTo());
        }
        // The trigger's timestamp, not the clock: reprocessing the trigger must yield the same command.
        SpecificRecord envelope = codec.writeCommand(new IncomingCommand(command.commandId(), command.aggregateId(),
                OptionalLong.empty(), Instant.ofEpochMilli(timestamp), command.correlationId(),
                Optional.of(command.causationId()), Map.of(PROCESS_METADATA, process.name()), command.payload()));
        byte[] bytes = commandSizers.get(command.aggregateType())
                .serialize(commandTopics.get(command.aggregateType()), envelope);
        if (bytes.length > maxCommandBytes) {
            throw new OutputTooLargeException("process " + process.name() + " would send a "
                    + command.payload().getSchema().getName() + " of " + bytes.length + " bytes to "
                    + command.aggregateType() + " " + command.aggregateId() + ", over the " + maxCommandBytes
                    + " bytes a command may take in the log");
        }
        return new Record<>(command.aggregateId(), envelope, timestamp);
    }
}
