package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds one process manager's sub-topology. The events of its instance type are keyed by instance already and come
 * straight from their topic; every other input is re-keyed by instance through a named repartition topic (all
 * co-partitioned, so one instance's inputs meet in one task): events of other types by
 * {@link ProcessManager#instanceOf}, and the results of the process's own commands by the instance that sent
 * them, which the runtime recorded. They merge into the process processor, which owns the instances' states and
 * deadlines. Its commands travel to each target type on an internal topic of their own ({@code P-to-T}),
 * partitioned like that type's command topic: a namespace clients cannot write, so no client can pose as the
 * process.
 */
final class ProcessTopology {

    private ProcessTopology() {
    }

    /** @return the process's commands per target aggregate type, ready to merge into that type's commands */
    static <S extends SpecificRecord> Map<String, KStream<String, SpecificRecord>> addTo(
            StreamsBuilder builder, SourceStreams sources, ProcessType<S> process,
            Map<String, AggregateTopics<?>> types, TopologySettings settings, Serde<S> stateSerde) {
        String name = process.name();
        ProcessStores stores = ProcessStores.of(name);
        known(types, process.instanceType(), name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.state()),
                Serdes.String(), SizeLimitedSerde.of(stateSerde, settings.recordLimit().maxRowBytes(),
                        "state of process " + name)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.deadlines()),
                Serdes.String(), Serdes.String()));

        List<KStream<String, ProcessInput>> inputs = new ArrayList<>();
        ProcessManager<S> manager = process.manager();
        for (String typeName : process.eventsOf()) {
            AggregateTopics<?> type = known(types, typeName, name);
            EnvelopeCodec codec = type.type().codec();
            String prefix = name + "-" + typeName + "-events";
            KStream<String, ProcessInput.Event> events = sources.events(typeName)
                    .mapValues(envelope -> envelope == null ? null
                            : new ProcessInput.Event(typeName, codec.readEvent(envelope)), Named.as(prefix + "-read"))
                    .filter((key, event) -> event != null && manager.instanceOf(event).isPresent(),
                            Named.as(prefix + "-relevant"));
            inputs.add(typeName.equals(process.instanceType())
                    ? events.mapValues(event -> inInstance(manager, event), Named.as(prefix + "-in-instance"))
                    : repartitioned(events.selectKey((key, event) -> manager.instanceOf(event).orElseThrow(),
                            Named.as(prefix + "-by-instance")), type.internalEvents(),
                    event -> codec.writeEvent(event.event()),
                    envelope -> new ProcessInput.Event(typeName, codec.readEvent(envelope)), prefix, settings));
        }
        for (String typeName : process.resultsOf()) {
            String prefix = name + "-" + typeName + "-results";
            KStream<String, CommandResult> own = sources.results(typeName)
                    .filter((key, result) -> result != null && name.equals(result.getProcess())
                            && result.getProcessInstance() != null, Named.as(prefix + "-own"))
                    .selectKey((key, result) -> result.getProcessInstance(), Named.as(prefix + "-by-instance"));
            inputs.add(repartitioned(own, types.get(typeName).internalResults(), result -> result,
                    result -> new ProcessInput.Result(typeName, result), prefix, settings));
        }
        KStream<String, ProcessInput> merged = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            merged = merged.merge(inputs.get(i), Named.as(name + "-merge-" + i));
        }

        Map<String, EnvelopeCodec> codecs = new HashMap<>();
        Map<String, Serializer<SpecificRecord>> sizers = new HashMap<>();
        Map<String, String> repartitions = new HashMap<>();
        for (String typeName : process.commandsTo()) {
            AggregateTopics<?> type = known(types, typeName, name);
            codecs.put(typeName, type.type().codec());
            sizers.put(typeName, type.internalCommands().serializer());
            repartitions.put(typeName, commandsTo(name, typeName));
        }
        KStream<String, SpecificRecord> commands = merged.process(() -> new ProcessProcessor<>(process, stores, codecs,
                sizers, repartitions, settings.recordLimit().maxValueBytes()), Named.as(name + "-process"),
                stores.state(), stores.deadlines());
        Map<String, KStream<String, SpecificRecord>> byType = new LinkedHashMap<>();
        for (String typeName : process.commandsTo()) {
            Class<?> envelope = types.get(typeName).type().commandEnvelope();
            byType.put(typeName, commands
                    .filter((key, command) -> envelope.isInstance(command), Named.as(commandsTo(name, typeName)
                            + "-select"))
                    .repartition(Repartitioned.<String, SpecificRecord>as(commandsTo(name, typeName))
                            .withKeySerde(Serdes.String())
                            .withValueSerde(types.get(typeName).internalCommands())
                            .withNumberOfPartitions(settings.partitions())));
        }
        return byType;
    }

    private static String commandsTo(String process, String type) {
        return process + "-to-" + type;
    }

    /**
     * An event of the instance type: its key is its aggregate id, which must be the instance the manager names.
     * The events come straight from their topic, so a manager naming another instance would be a bug.
     */
    private static ProcessInput inInstance(ProcessManager<?> manager, ProcessInput.Event event) {
        String instance = manager.instanceOf(event).orElseThrow();
        if (!instance.equals(event.event().aggregateId())) {
            throw new IllegalStateException("an event of " + event.aggregateType() + " " + event.event()
                    .aggregateId() + " names instance " + instance + "; events of a process's instance type must"
                    + " name the instance by their aggregate id");
        }
        return event;
    }

    /** Inputs already keyed by instance, through a repartition topic so that each lands in its instance's task. */
    private static <I, V extends SpecificRecord> KStream<String, ProcessInput> repartitioned(
            KStream<String, I> byInstance, Serde<V> serde, Function<I, V> write, Function<V, ProcessInput> read,
            String prefix, TopologySettings settings) {
        return byInstance
                .mapValues(write::apply, Named.as(prefix + "-write"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(prefix)
                        .withNumberOfPartitions(settings.partitions()))
                .mapValues(read::apply, Named.as(prefix + "-read-back"));
    }

    private static AggregateTopics<?> known(Map<String, AggregateTopics<?>> types, String type, String process) {
        AggregateTopics<?> found = types.get(type);
        if (found == null) {
            throw new IllegalArgumentException("process " + process + " names unknown aggregate type " + type);
        }
        return found;
    }
}
