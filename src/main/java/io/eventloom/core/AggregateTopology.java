package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * Adds one aggregate type's command sub-topology: {@code T.commands} into the command processor, which owns the
 * type's state, processed-command and history stores, out to {@code T.events} and {@code T.command-results}.
 * Every node and store is named, so internal topic names stay put when the topology grows.
 */
public final class AggregateTopology {

    private AggregateTopology() {
    }

    /**
     * @param serdes   serdes for the public topics (commands, events, results)
     * @param internal serdes for the state stores' changelogs, whose schemas the runtime owns
     */
    public static <S extends SpecificRecord> void addTo(Topology topology, AggregateType<S> type, TopicNames topics,
                                                         AvroSerdes serdes, AvroSerdes internal,
                                                         Duration dedupeRetention) {
        String name = type.name();
        AggregateStores stores = AggregateStores.of(name);
        String source = name + "-commands-source";
        String processor = name + "-command-processor";
        String eventsSink = name + "-events-sink";
        String resultsSink = name + "-command-results-sink";

        topology.addSource(source, Serdes.String().deserializer(),
                serdes.specificValue(type.commandEnvelope()).deserializer(), topics.commands(name));
        topology.addProcessor(processor,
                () -> new CommandProcessor<>(type, dedupeRetention, eventsSink, resultsSink), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.state()),
                Serdes.String(), new SnapshotSerde<>(internal.specificValue(type.state()))), processor);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(stores.processedCommands(), dedupeRetention, Duration.ofMillis(1), false),
                Serdes.String(), internal.specificValue(CommandResult.class)), processor);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.history()),
                Serdes.String(), internal.specificValue(type.eventEnvelope())), processor);
        topology.addSink(eventsSink, topics.events(name), Serdes.String().serializer(),
                anyValue(serdes.specificValue(type.eventEnvelope())), processor);
        topology.addSink(resultsSink, topics.commandResults(name), Serdes.String().serializer(),
                anyValue(serdes.specificValue(CommandResult.class)), processor);
    }

    // The processor forwards events and results as Object to their own sinks; each sink only ever gets its type.
    @SuppressWarnings("unchecked")
    private static Serializer<Object> anyValue(Serde<? extends SpecificRecord> serde) {
        return (Serializer<Object>) (Serializer<?>) serde.serializer();
    }
}
