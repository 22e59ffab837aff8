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
 * Adds one process manager's sub-topology: each input topic re-keyed by process instance through its own named
 * repartition topic (all co-partitioned, so one instance's inputs meet in one task), merged into the process
 * processor that owns the instance state. Its commands travel to each target type on an internal topic of their
 * own ({@code P-to-T}), partitioned like that type's command topic: a namespace clients cannot write, so no client
 * can pose as the process. Only the results of the process's own commands come back to it.
 */
final class ProcessTopology {

    private ProcessTopology() {
    }

    /** @return the process's commands per target aggregate type, ready to merge into that type's commands */
    static <S extends SpecificRecord> Map<String, KStream<String, SpecificRecord>> addTo(
            StreamsBuilder builder, SourceStreams sources, ProcessType<S> process,
            Map<String, AggregateType<?>> types, Map<String, AggregateSerdes<?>> serdes, TopologySettings settings,
            Serde<S> stateSerde) {
        String name = process.name();
        String store = name + "-process-state";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                SizeLimitedSerde.of(stateSerde, settings.recordLimit().maxRowBytes(), "state of process " + name)));

        List<KStream<String, ProcessInput>> inputs = new ArrayList<>();
        for (String typeName : process.eventsOf()) {
            EnvelopeCodec codec = EnvelopeCodec.of(known(types, typeName, name));
            inputs.add(routed(process, sources.events(typeName), serdes.get(typeName).internalEvents(),
                    envelope -> new ProcessInput.Event(typeName, codec.readEvent(envelope)),
                    name + "-" + typeName + "-events", settings));
        }
        for (String typeName : process.resultsOf()) {
            known(types, typeName, name);
            String prefix = name + "-" + typeName + "-results";
            KStream<String, CommandResult> own = sources.results(typeName).filter(
                    (key, result) -> result != null && name.equals(result.getProcess()), Named.as(prefix + "-own"));
            inputs.add(routed(process, own, serdes.get(typeName).internalResults(),
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
            codecs.put(typeName, EnvelopeCodec.of(known(types, typeName, name)));
            sizers.put(typeName, serdes.get(typeName).internalCommands().serializer());
            repartitions.put(typeName, commandsTo(name, typeName));
        }
        KStream<String, SpecificRecord> commands = merged.process(() -> new ProcessProcessor<>(process, store, codecs,
                sizers, repartitions, settings.recordLimit().maxValueBytes()), Named.as(name + "-process"), store);
        Map<String, KStream<String, SpecificRecord>> byType = new LinkedHashMap<>();
        for (String typeName : process.commandsTo()) {
            Class<?> envelope = types.get(typeName).commandEnvelope();
            byType.put(typeName, commands
                    .filter((key, command) -> envelope.isInstance(command), Named.as(commandsTo(name, typeName)
                            + "-select"))
                    .repartition(Repartitioned.<String, SpecificRecord>as(commandsTo(name, typeName))
                            .withKeySerde(Serdes.String())
                            .withValueSerde(serdes.get(typeName).internalCommands())
                            .withNumberOfPartitions(settings.partitions())));
        }
        return byType;
    }

    private static String commandsTo(String process, String type) {
        return process + "-to-" + type;
    }

    private static <V extends SpecificRecord> KStream<String, ProcessInput> routed(
            ProcessType<?> process, KStream<String, V> source, Serde<V> serde, Function<V, ProcessInput> read,
            String prefix, TopologySettings settings) {
        ProcessManager<?> manager = process.manager();
        return source
                .filter((key, value) -> value != null && manager.instanceOf(read.apply(value)).isPresent(),
                        Named.as(prefix + "-relevant"))
                .selectKey((key, value) -> manager.instanceOf(read.apply(value)).orElseThrow(),
                        Named.as(prefix + "-by-instance"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(prefix)
                        .withNumberOfPartitions(settings.partitions()))
                .mapValues(read::apply, Named.as(prefix + "-read"));
    }

    private static AggregateType<?> known(Map<String, AggregateType<?>> types, String type, String process) {
        AggregateType<?> found = types.get(type);
        if (found == null) {
            throw new IllegalArgumentException("process " + process + " names unknown aggregate type " + type);
        }
        return found;
    }
}
