package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Runs one process manager: per instance, react to the input, store the evolved state, send the commands. */
final class ProcessProcessor<S extends SpecificRecord>
        implements Processor<String, ProcessInput, String, SpecificRecord> {

    private final ProcessType<S> process;
    private final String storeName;
    private final Map<String, EnvelopeCodec> codecs;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, S> store;

    ProcessProcessor(ProcessType<S> process, String storeName, Map<String, EnvelopeCodec> codecs) {
        this.process = process;
        this.storeName = storeName;
        this.codecs = codecs;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ProcessInput> record) {
        ProcessManager<S> manager = process.manager();
        S state = Optional.ofNullable(store.get(record.key())).orElseGet(manager::initialState);
        List<ProcessCommand> commands = manager.react(state, record.value());
        S next = manager.evolve(state, record.value());
        if (manager.isTerminal(next)) {
            store.delete(record.key());
        } else {
            store.put(record.key(), next);
        }
        for (ProcessCommand command : commands) {
            EnvelopeCodec codec = codecs.get(command.aggregateType());
            if (codec == null) {
                throw new IllegalStateException("process " + process.name() + " sent a command to unknown type "
                        + command.aggregateType());
            }
            // The trigger's timestamp, not the clock: reprocessing the trigger must yield the same command.
            SpecificRecord envelope = codec.writeCommand(new IncomingCommand(command.commandId(),
                    command.aggregateId(), OptionalLong.empty(), Instant.ofEpochMilli(record.timestamp()),
                    command.correlationId(), Optional.of(command.causationId()), Map.of("process", process.name()),
                    command.payload()));
            context.forward(new Record<>(command.aggregateId(), envelope, record.timestamp()));
        }
    }
}
