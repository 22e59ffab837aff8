package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds one process manager's sub-topology: each input topic re-keyed by process instance through its own named
 * repartition topic (all co-partitioned, so one instance's inputs meet in one task), merged into the process
 * processor that owns the instance state, and its commands written to their aggregate types' command topics.
 */
public final class ProcessTopology {

    private ProcessTopology() {
    }

    static <S extends SpecificRecord> void addTo(StreamsBuilder builder, EventStreams events, ProcessType<S> process,
                                                  List<AggregateType<?>> types, TopicNames topics, AvroSerdes serdes,
                                                  AvroSerdes internal) {
        String name = process.name();
        String store = name + "-process-state";
        Map<String, AggregateType<?>> byName = new HashMap<>();
        Map<String, EnvelopeCodec> codecs = new HashMap<>();
        for (AggregateType<?> type : types) {
            byName.put(type.name(), type);
            codecs.put(type.name(), EnvelopeCodec.of(type));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                internal.specificValue(process.state())));

        List<KStream<String, ProcessInput>> inputs = new ArrayList<>();
        for (String typeName : process.eventsOf()) {
            AggregateType<?> type = known(byName, typeName, name);
            EnvelopeCodec codec = codecs.get(typeName);
            inputs.add(routed(process, events.of(type), events.serde(type),
                    envelope -> new ProcessInput.Event(typeName, codec.readEvent(envelope)),
                    name + "-" + typeName + "-events"));
        }
        for (String typeName : process.resultsOf()) {
            known(byName, typeName, name);
            String prefix = name + "-" + typeName + "-results";
            Serde<CommandResult> serde = serdes.specificValue(CommandResult.class);
            inputs.add(routed(process, builder.stream(topics.commandResults(typeName),
                            Consumed.with(Serdes.String(), serde).withName(prefix + "-source")), serde,
                    result -> new ProcessInput.Result(typeName, result), prefix));
        }
        KStream<String, ProcessInput> merged = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            merged = merged.merge(inputs.get(i), Named.as(name + "-merge-" + i));
        }
        merged.process(() -> new ProcessProcessor<>(process, store, codecs), Named.as(name + "-process"), store)
                .to(new CommandTopicExtractor(types, topics),
                        Produced.with(Serdes.String(), Serdes.serdeFrom(new EnvelopeSerializer(types, topics, serdes),
                                (topic, bytes) -> {
                                    throw new UnsupportedOperationException("process output is never read back");
                                })).withName(name + "-commands-sink"));
    }

    private static <V extends SpecificRecord> KStream<String, ProcessInput> routed(
            ProcessType<?> process, KStream<String, V> source, Serde<V> serde, Function<V, ProcessInput> read,
            String prefix) {
        ProcessManager<?> manager = process.manager();
        return source
                .filter((key, value) -> value != null && manager.instanceOf(read.apply(value)).isPresent(),
                        Named.as(prefix + "-relevant"))
                .selectKey((key, value) -> manager.instanceOf(read.apply(value)).orElseThrow(),
                        Named.as(prefix + "-by-instance"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(prefix))
                .mapValues(read::apply, Named.as(prefix + "-read"));
    }

    private static AggregateType<?> known(Map<String, AggregateType<?>> types, String type, String process) {
        AggregateType<?> found = types.get(type);
        if (found == null) {
            throw new IllegalArgumentException("process " + process + " listens to unknown aggregate type " + type);
        }
        return found;
    }
}
