package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one process manager: per instance, react to the input, keep the evolved state (unless it is the initial or
 * a terminal one), send the commands. Deadlines are kept in an index ordered by time, which a wall-clock
 * punctuation reads up to now to give each overdue instance its {@link ProcessInput.Timeout}. The commands are
 * built and measured before the state is written, so an input whose commands could not be sent changes nothing
 * and goes to the dead letters instead.
 */
final class ProcessProcessor<S extends SpecificRecord>
        implements Processor<String, ProcessInput, String, SpecificRecord> {

    /** The command metadata entry naming the process that sent a command. */
    static final String PROCESS_METADATA = "process";
    /** The command metadata entry naming the process instance that sent a command. */
    static final String INSTANCE_METADATA = "processInstance";
    /** How often overdue instances are looked for. */
    static final Duration TIMEOUT_CHECK_EVERY = Duration.ofSeconds(1);

    private final ProcessType<S> process;
    private final ProcessStores stores;
    private final Map<String, EnvelopeCodec> codecs;
    private final Map<String, Serializer<SpecificRecord>> commandSizers;
    private final Map<String, String> repartitions;
    private final Map<String, String> commandTopics = new HashMap<>();
    private final int maxCommandBytes;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, S> states;
    private KeyValueStore<String, String> deadlines;
    private RuntimeMetrics metrics;
    private ProcessInstances instances;
    private AtomicLong inFlight;

    /**
     * @param commandSizers  per target type, the serializer of its command topic from this process, to measure
     *                       each command before anything is written
     * @param repartitions   per target type, the name of the repartition those commands travel through
     */
    ProcessProcessor(ProcessType<S> process, ProcessStores stores, Map<String, EnvelopeCodec> codecs,
                     Map<String, Serializer<SpecificRecord>> commandSizers, Map<String, String> repartitions,
                     int maxCommandBytes) {
        this.process = process;
        this.stores = stores;
        this.codecs = codecs;
        this.commandSizers = commandSizers;
        this.repartitions = repartitions;
        this.maxCommandBytes = maxCommandBytes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(stores.state());
        this.deadlines = context.getStateStore(stores.deadlines());
        // Kafka Streams names a repartition topic after the application; the serializer names subjects after it.
        repartitions.forEach((type, name) -> commandTopics.put(type,
                context.applicationId() + "-" + name + "-repartition"));
        context.schedule(TIMEOUT_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::timeOut);
        this.metrics = RuntimeMetrics.from(context.appConfigs());
        this.instances = metrics.sagaInstances(process.name());
        this.inFlight = instances.started(context.taskId(), stored());
    }

    private long stored() {
        long count = 0;
        try (KeyValueIterator<String, S> all = states.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        instances.closed(context.taskId(), inFlight);
    }

    @Override
    public void process(Record<String, ProcessInput> record) {
        handle(record.key(), record.value(), record.timestamp());
    }

    private void handle(String instance, ProcessInput input, long timestamp) {
        LogContext.processInput(process.name(), instance, correlationId(input));
        ProcessManager<S> manager = process.manager();
        S stored = states.get(instance);
        S state = stored == null ? manager.initialState() : stored;
        List<ProcessCommand> commands = manager.react(state, input);
        S next = manager.evolve(state, input);
        List<Record<String, SpecificRecord>> outgoing = new ArrayList<>(commands.size());
        for (ProcessCommand command : commands) {
            outgoing.add(envelope(command, instance, timestamp));
        }
        // Neither a finished instance nor one that never started is worth keeping: storing them grows forever.
        boolean keep = !manager.isTerminal(next) && !next.equals(manager.initialState());
        if (keep) {
            states.put(instance, next);
        } else {
            states.delete(instance);
        }
        inFlight.addAndGet((keep ? 1 : 0) - (stored == null ? 0 : 1));
        Optional<Instant> before = manager.deadline(state);
        Optional<Instant> after = keep ? manager.deadline(next) : Optional.empty();
        if (!before.equals(after)) {
            before.ifPresent(deadline -> deadlines.delete(ProcessStores.deadlineKey(deadline, instance)));
            after.ifPresent(deadline -> deadlines.put(ProcessStores.deadlineKey(deadline, instance), instance));
        }
        outgoing.forEach(context::forward);
        String step = manager.step(next);
        if (!step.equals(manager.step(state))) {
            metrics.sagaStepEntered(process.name(), step);
        }
        LogContext.clear();
    }

    /** Gives every instance whose deadline has passed its timeout, oldest deadline first. */
    private void timeOut(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<KeyValue<String, String>> due = new ArrayList<>();
        // An explicit lower bound: a range open at the start was seen to run past its upper bound.
        try (KeyValueIterator<String, String> overdue = deadlines.range("", ProcessStores.deadlinesBefore(now))) {
            overdue.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            if (ProcessStores.deadlineOf(entry.key).isAfter(now)) {
                continue;
            }
            String instance = entry.value;
            S state = states.get(instance);
            Optional<Instant> deadline = state == null ? Optional.empty() : process.manager().deadline(state);
            if (deadline.isEmpty() || deadline.get().isAfter(now)
                    || !ProcessStores.deadlineKey(deadline.get(), instance).equals(entry.key)) {
                deadlines.delete(entry.key); // left behind by a state that has since moved on
                continue;
            }
            handle(instance, new ProcessInput.Timeout(instance, now), nowMillis);
            metrics.sagaTimedOut(process.name());
        }
    }

    private static String correlationId(ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            return event.event().correlationId();
        }
        if (input instanceof ProcessInput.Result result) {
            return result.result().getCorrelationId();
        }
        return null;
    }

    private Record<String, SpecificRecord> envelope(ProcessCommand command, String instance, long timestamp) {
        EnvelopeCodec codec = codecs.get(command.aggregateType());
        if (codec == null || !process.commandsTo().contains(command.aggregateType())) {
            throw new IllegalStateException("process " + process.name() + " sent a command to "
                    + command.aggregateType() + ", which is not among the types it declares: " + process.commandsTo());
        }
        // The trigger's timestamp, not the clock: reprocessing the trigger must yield the same command.
        SpecificRecord envelope = codec.writeCommand(new IncomingCommand(command.commandId(), command.aggregateId(),
                OptionalLong.empty(), Instant.ofEpochMilli(timestamp), command.correlationId(),
                Optional.of(command.causationId()), Map.of(PROCESS_METADATA, process.name(), INSTANCE_METADATA,
                instance), command.payload()));
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
