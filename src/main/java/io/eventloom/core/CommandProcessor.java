package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.ProcessedCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Validates each command against its aggregate's state and, in the same step, updates that state, appends the
 * events and writes the result. Owning the state store here (rather than reading a table fed by our own events)
 * means two quick commands on one aggregate never both see the old version.
 *
 * <p>Everything a command writes is serialized and measured first, and only then written: a fault while
 * serializing (the registry unreachable) fails the task before any write, and a command whose outputs would not
 * fit the log is answered with {@link RuntimeRejections#RECORD_TOO_LARGE} instead of failing every commit.
 */
final class CommandProcessor<S extends SpecificRecord>
        implements Processor<String, SpecificRecord, String, OutgoingRecord> {

    /** How often a slice of the dedupe store is swept for entries past the retention. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    /** Marks a command this processor sent on to the partition that owns its key. */
    static final String REROUTED_FROM = "eventloom.rerouted.from";

    private final AggregateType<S> type;
    private final AggregateStores stores;
    private final EnvelopeCodec codec;
    private final CommandHandler<S> handler;
    private final Snapshot<S> initial;
    private final TopologySettings settings;
    private final Topic<String, SpecificRecord> commandsTopic;
    private final Topic<String, SpecificRecord> eventsTopic;
    private final Topic<String, CommandResult> resultsTopic;
    private final SnapshotSerde<S> snapshots;
    private final Serde<ProcessedCommand> processed;

    private ProcessorContext<String, OutgoingRecord> context;
    private KeyValueStore<String, byte[]> states;
    private CommandDedupe dedupe;
    private KeyValueStore<String, byte[]> history;
    private String stateChangelog;
    private RuntimeMetrics metrics;

    CommandProcessor(AggregateTopics<S> topics, TopologySettings settings) {
        this.type = topics.type();
        this.stores = AggregateStores.of(type.name());
        this.codec = type.codec();
        this.handler = new CommandHandler<>(type);
        this.initial = Snapshot.initial(type.decider());
        this.settings = settings;
        this.commandsTopic = topics.commands();
        this.eventsTopic = topics.events();
        this.resultsTopic = topics.results();
        this.snapshots = topics.snapshots();
        this.processed = topics.processed();
    }

    @Override
    public void init(ProcessorContext<String, OutgoingRecord> context) {
        this.context = context;
        this.states = context.getStateStore(stores.state());
        this.history = context.getStateStore(stores.history());
        this.stateChangelog = AggregateStores.changelog(context.applicationId(), stores.state());
        this.dedupe = new CommandDedupe(context.getStateStore(stores.processedCommands()), processed,
                AggregateStores.changelog(context.applicationId(), stores.processedCommands()),
                settings.dedupeRetention());
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME,
                now -> dedupe.sweep(Instant.ofEpochMilli(now)));
        this.metrics = RuntimeMetrics.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow(() ->
                new IllegalStateException("a command must come from a topic"));
        boolean fromClient = source.topic().equals(commandsTopic.name());
        IncomingCommand command = codec.readCommand(record.value());
        LogContext.command(type.name(), command);
        process(record, command, source, fromClient);
        LogContext.clear();
    }

    private void process(Record<String, SpecificRecord> record, IncomingCommand command, RecordMetadata source,
                         boolean fromClient) {
        Optional<ProcessOrigin> process = fromClient ? Optional.empty() : Optional.of(ProcessOrigin.of(command));
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String key = record.key() == null ? "" : record.key();
        if (record.key() != null && ownerOf(key) != source.partition()) {
            misrouted(record, command, source, process, now);
            return;
        }
        String dedupeKey = AggregateStores.dedupeKey(process.map(ProcessOrigin::process), key, command.commandId());
        byte[] fingerprint = PayloadFingerprint.of(command.payload(), command.expectedVersion());
        Optional<ProcessedCommand> earlier = dedupe.find(dedupeKey, now);
        Snapshot<S> current = snapshot(key);
        if (earlier.isPresent()) {
            if (Arrays.equals(earlier.get().getFingerprint().array(), fingerprint)) {
                metrics.commandDeduplicated(type.name());
                forward(key, resultsTopic.name(), serialize(resultsTopic, earlier.get().getResult()), record, now);
                return;
            }
            CommandResult reused = handler.rejected(command, current, process,
                    RuntimeRejections.IDEMPOTENCY_KEY_REUSED, "command id '" + command.commandId() + "' was used"
                            + " before on this aggregate for a command asking something else; use a new id for a"
                            + " new request", now).result();
            forward(key, resultsTopic.name(), serialize(resultsTopic, reused), record, now);
            metrics.commandProcessed(type.name(), commandName(command), reused);
            return;
        }
        CommandHandler.Handled<S> handled = handler.handle(key, command, current, process, now);
        Outputs outputs = encode(key, dedupeKey, handled, fingerprint, record.headers(), now);
        Optional<String> tooLarge = outputs.tooLarge(settings.recordLimit());
        if (tooLarge.isPresent()) {
            handled = handler.rejected(command, current, process, RuntimeRejections.RECORD_TOO_LARGE,
                    tooLarge.get(), now);
            outputs = encode(key, dedupeKey, handled, fingerprint, record.headers(), now);
            outputs.tooLarge(settings.recordLimit()).ifPresent(reason -> {
                throw new OutputTooLargeException("even the rejection of command " + command.commandId()
                        + " does not fit the log: " + reason);
            });
        }
        write(outputs, record, now);
        metrics.commandProcessed(type.name(), commandName(command), handled.result());
        handled.events().forEach(event -> metrics.eventAppended(type.name(),
                event.payload().getSchema().getName()));
    }

    private static String commandName(IncomingCommand command) {
        return command.payload().getSchema().getName();
    }

    /**
     * The command reached a partition its key does not belong to, so this task holds none of its aggregate's
     * state: nothing may be written here. A client's command is sent on once to the owning partition; one that
     * arrives wrongly again (the topic's partition count differs from the runtime's) is rejected.
     */
    private void misrouted(Record<String, SpecificRecord> record, IncomingCommand command, RecordMetadata source,
                           Optional<ProcessOrigin> process, Instant now) {
        int owner = ownerOf(record.key());
        if (process.isPresent()) {
            // The runtime sized the process topics itself: a process command elsewhere is a bug, not input.
            throw new IllegalStateException("a command of process " + process.get().process() + " for " + record.key()
                    + " reached partition " + source.partition() + " of " + source.topic() + " but its key belongs"
                    + " to partition " + owner);
        }
        if (record.headers().lastHeader(REROUTED_FROM) == null) {
            reroute(record, source.partition());
            return;
        }
        CommandResult rejection = handler.rejected(command, initial, process, RuntimeRejections.INVALID_COMMAND,
                "the command reached partition " + source.partition() + " again after being sent on to partition "
                        + owner + ", which owns its key: the topic's partition count differs from the "
                        + settings.partitions() + " the runtime was started with", now).result();
        forward(record.key(), resultsTopic.name(), serialize(resultsTopic, rejection), record, now);
        metrics.commandProcessed(type.name(), commandName(command), rejection);
    }

    /** Everything one command writes, serialized, so it can be measured before any of it is written. */
    private record Outputs(byte[] key, byte[] snapshot, List<EncodedEvent> events, byte[] result,
                           String dedupeKey, byte[] processed, Headers headers) {

        Optional<String> tooLarge(RecordLimit limit) {
            List<String> problems = new ArrayList<>();
            for (EncodedEvent event : events) {
                check(problems, limit, "event " + event.version() + " (" + event.type() + ")",
                        RecordLimit.sizeOf(key, event.value(), headers));
                check(problems, limit, "event " + event.version() + " in the history store",
                        RecordLimit.sizeOf(event.historyKey().getBytes(StandardCharsets.UTF_8), event.value(), null));
            }
            if (snapshot != null) {
                check(problems, limit, "the aggregate's new state", RecordLimit.sizeOf(key, snapshot, null));
            }
            check(problems, limit, "the command's result", RecordLimit.sizeOf(key, result, headers));
            check(problems, limit, "the command's dedupe entry",
                    RecordLimit.sizeOf(dedupeKey.getBytes(StandardCharsets.UTF_8), processed, null));
            return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)
                    + ", over the " + limit.maxRecordBytes() + " bytes the log takes per record");
        }

        private static void check(List<String> problems, RecordLimit limit, String what, int size) {
            if (size > limit.maxRecordBytes()) {
                problems.add(what + " would be " + size + " bytes");
            }
        }
    }

    private record EncodedEvent(long version, String type, String historyKey, byte[] value) {
    }

    private Outputs encode(String key, String dedupeKey, CommandHandler.Handled<S> handled, byte[] fingerprint,
                           Headers headers, Instant now) {
        List<EncodedEvent> events = new ArrayList<>(handled.events().size());
        for (StoredEvent event : handled.events()) {
            events.add(new EncodedEvent(event.version(), event.payload().getSchema().getName(),
                    AggregateStores.historyKey(event.aggregateId(), event.version()),
                    serialize(eventsTopic, codec.writeEvent(event))));
        }
        byte[] snapshot = events.isEmpty() ? null
                : snapshots.serializer().serialize(stateChangelog, handled.next());
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] result = resultBytes(handled.result(), events, keyBytes, headers);
        byte[] processedEntry = dedupe.encode(new ProcessedCommand(ByteBuffer.wrap(fingerprint), handled.result()),
                now);
        return new Outputs(keyBytes, snapshot, events, result, dedupeKey, processedEntry, headers);
    }

    /**
     * The result as written to the results topic. A command the gateway sent (it carries a request id) gets its
     * events in it, so that the gateway answers without reading them back from the history store; one from anyone
     * else gets none (no one waits to answer it), and nor does one whose result would not fit a record with them,
     * which the gateway then reads back as before. The dedupe store keeps the result without them.
     */
    private byte[] resultBytes(CommandResult result, List<EncodedEvent> events, byte[] key, Headers headers) {
        if (!events.isEmpty() && headers.lastHeader(CommandGateway.REQUEST_ID_HEADER) != null) {
            // A shallow copy: Avro's deep copy would look the enum's class up, which its class validator forbids.
            CommandResult withEvents = new CommandResult();
            result.getSchema().getFields().forEach(field -> withEvents.put(field.pos(), result.get(field.pos())));
            withEvents.setEvents(events.stream().map(event -> ByteBuffer.wrap(event.value())).toList());
            byte[] full = serialize(resultsTopic, withEvents);
            if (settings.recordLimit().fits(key, full, headers)) {
                return full;
            }
        }
        return serialize(resultsTopic, result);
    }

    private void write(Outputs outputs, Record<String, SpecificRecord> record, Instant now) {
        String key = record.key() == null ? "" : record.key();
        if (outputs.snapshot() != null) {
            states.put(key, outputs.snapshot());
        }
        for (EncodedEvent event : outputs.events()) {
            history.put(event.historyKey(), event.value());
            forward(key, eventsTopic.name(), event.value(), record, now);
        }
        dedupe.remember(outputs.dedupeKey(), outputs.processed());
        forward(key, resultsTopic.name(), outputs.result(), record, now);
    }

    private void forward(String key, String topic, byte[] value, Record<String, SpecificRecord> record,
                         Instant now) {
        context.forward(new Record<>(key, new OutgoingRecord(topic, value), now.toEpochMilli(), record.headers()));
    }

    /**
     * A client's producer chose another partition than Kafka's default partitioner would (librdkafka's default
     * hashes keys with CRC32): send the command on to the partition that owns its key, where the aggregate's
     * state lives, rather than process it here beside a second copy of the aggregate.
     */
    private void reroute(Record<String, SpecificRecord> record, int partition) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REROUTED_FROM, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        byte[] value = serialize(commandsTopic, record.value());
        context.forward(new Record<>(record.key(), new OutgoingRecord(commandsTopic.name(), value),
                record.timestamp(), headers));
    }

    private static <V> byte[] serialize(Topic<String, V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    private int ownerOf(String key) {
        return KeyPartition.of(key, settings.partitions());
    }

    private Snapshot<S> snapshot(String key) {
        byte[] bytes = states.get(key);
        if (bytes == null) {
            return initial;
        }
        return SnapshotRebuild.readOrRebuild(type, key, () -> snapshots.deserializer().deserialize(stateChangelog,
                bytes), () -> history(key));
    }

    /** The aggregate's events as its history store holds them, in their current form. */
    private List<StoredEvent> history(String key) {
        List<StoredEvent> events = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = history.range(AggregateStores.historyKey(key, 1),
                AggregateStores.historyKey(key, Long.MAX_VALUE))) {
            range.forEachRemaining(entry -> events.add(codec.readEvent(eventsTopic.valueSerde().deserializer()
                    .deserialize(eventsTopic.name(), entry.value))));
        }
        return events;
    }
}
