package io.eventloom.testing;

import io.eventloom.core.DeadLetters;
import io.eventloom.core.Domain;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.RuntimeSettings;
import io.eventloom.core.TopologySettings;
import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.util.Properties;

/** Kafka Streams' test driver running a domain's topology with the runtime's own Kafka Streams configuration. */
public final class TestDrivers {

    private TestDrivers() {
    }

    /**
     * The driver feeds every record to partition 0; with {@code settings.partitions()} at 1 that partition owns
     * every key, as the runtime expects of the commands it processes.
     */
    public static TopologyTestDriver start(String applicationId, Domain domain, TopologySettings settings,
                                           AvroSerdes serdes, Path stateDir) {
        Properties props = new Properties();
        props.putAll(RuntimeSettings.of(applicationId, "unused:9092", stateDir)
                .streamsConfig(settings, new DeadLetters()));
        return new TopologyTestDriver(EventloomRuntime.topology(domain, settings, serdes, serdes), props);
    }
}
