package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Validates each command against its aggregate's state and, in the same step, updates that state, appends the
 * events and writes the result. Owning the state store here (rather than reading a table fed by our own events)
 * means two quick commands on one aggregate never both see the old version.
 */
final class CommandProcessor<S extends SpecificRecord> implements Processor<String, SpecificRecord, String, Object> {

    private final AggregateStores stores;
    private final EnvelopeCodec codec;
    private final CommandHandler<S> handler;
    private final Snapshot<S> initial;
    private final Duration dedupeRetention;
    private final String eventsSink;
    private final String resultsSink;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Snapshot<S>> states;
    private WindowStore<String, CommandResult> processed;
    private KeyValueStore<String, SpecificRecord> history;

    CommandProcessor(AggregateType<S> type, Duration dedupeRetention, String eventsSink, String resultsSink) {
        this.stores = AggregateStores.of(type.name());
        this.codec = EnvelopeCodec.of(type);
        this.handler = new CommandHandler<>(type);
        this.initial = Snapshot.initial(type.decider());
        this.dedupeRetention = dedupeRetention;
        this.eventsSink = eventsSink;
        this.resultsSink = resultsSink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(stores.state());
        this.processed = context.getStateStore(stores.processedCommands());
        this.history = context.getStateStore(stores.history());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        IncomingCommand command = codec.readCommand(record.value());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Optional<CommandResult> earlier = earlierResult(command.commandId(), record.timestamp());
        if (earlier.isPresent()) {
            context.forward(record.withKey(command.aggregateId()).withValue(earlier.get()).withTimestamp(
                    now.toEpochMilli()), resultsSink);
            return;
        }
        String key = record.key() == null ? "" : record.key();
        Snapshot<S> current = Optional.ofNullable(states.get(key)).orElse(initial);
        CommandHandler.Handled<S> handled = handler.handle(key, command, current, now);
        if (!handled.events().isEmpty()) {
            states.put(key, handled.next());
        }
        for (StoredEvent event : handled.events()) {
            SpecificRecord envelope = codec.writeEvent(event);
            history.put(AggregateStores.historyKey(event.aggregateId(), event.version()), envelope);
            context.forward(new Record<>(key, (Object) envelope, now.toEpochMilli(), record.headers()), eventsSink);
        }
        processed.put(command.commandId(), handled.result(), record.timestamp());
        context.forward(new Record<>(key, (Object) handled.result(), now.toEpochMilli(), record.headers()),
                resultsSink);
    }

    private Optional<CommandResult> earlierResult(String commandId, long timestamp) {
        try (WindowStoreIterator<CommandResult> found = processed.fetch(commandId,
                Instant.ofEpochMilli(timestamp).minus(dedupeRetention), Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return found.hasNext() ? Optional.of(found.next().value) : Optional.empty();
        }
    }
}
