package io.eventloom.app;

import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.RecordLimit;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.InMemorySchemaRegistryClient;
import io.eventloom.shop.Shop;
import org.apache.kafka.streams.Topology;

/** The shop's topology as the app would run it, built without Kafka or a registry, for documentation. */
final class ShopTopology {

    private ShopTopology() {
    }

    static Topology of(EventloomConfig config) {
        // Describing a topology touches no serde, so an in-memory registry stands in for the real one.
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistryClient(), AvroSerdeConfig.autoRegistering());
        return EventloomRuntime.topology(Shop.domain(config.duration(EventloomConfig.SAGA_STEP_TIMEOUT)), TopicPlan.topologySettings(config, RecordLimit.DEFAULT),
                serdes, serdes);
    }
}
