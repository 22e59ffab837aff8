package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * Adds one aggregate type's command sub-topology: {@code T.commands}, merged with the commands process managers
 * send through their own internal topics, into the command processor, which owns the type's state, dedupe and
 * history stores; one sink writes its events, results and rerouted commands. Every node and store is named, so
 * internal topic names stay put when the topology grows.
 */
final class AggregateTopology {

    private AggregateTopology() {
    }

    /** @param fromProcesses each process manager's commands to this type, already on this type's partitioning */
    static <S extends SpecificRecord> void addTo(StreamsBuilder builder, AggregateTopics<S> topics,
                                                 TopologySettings settings,
                                                 List<KStream<String, SpecificRecord>> fromProcesses) {
        String name = topics.type().name();
        AggregateStores stores = AggregateStores.of(name);
        // The processor stores what it has already serialized and measured: the stores hold bytes.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.state()),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.processedCommands()),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.history()),
                Serdes.String(), Serdes.ByteArray()));

        // A command's time is when it arrives: its store writes and outputs carry that, not whatever timestamp a
        // producer put on it (one stamped in 2999 would be refused by every changelog, failing the task forever).
        KStream<String, SpecificRecord> commands = builder.stream(topics.commands().name(),
                Consumed.with(topics.commands().keySerde(), topics.commands().valueSerde())
                        .withName(name + "-commands-source")
                        .withTimestampExtractor(new WallclockTimestampExtractor()));
        for (int i = 0; i < fromProcesses.size(); i++) {
            commands = commands.merge(fromProcesses.get(i), Named.as(name + "-commands-merge-" + (i + 1)));
        }
        commands.process(() -> new CommandProcessor<>(topics, settings), Named.as(name + "-command-processor"),
                        stores.state(), stores.processedCommands(), stores.history())
                .to(OutgoingRecord.TOPIC, Produced.with(Serdes.String(), OutgoingRecord.serde())
                        .withName(name + "-outputs-sink"));
    }
}
