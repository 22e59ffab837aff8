package io.eventloom.testing;

import io.eventloom.core.DeadLetters;
import io.eventloom.core.Domain;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.RuntimeSettings;
import io.eventloom.core.Topic;
import io.eventloom.core.TopologySettings;
import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
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
        return start(applicationId, domain, settings, serdes, stateDir, RuntimeMetrics.inMemory());
    }

    /** As {@link #start(String, Domain, TopologySettings, AvroSerdes, Path)}, counting into {@code metrics}. */
    public static TopologyTestDriver start(String applicationId, Domain domain, TopologySettings settings,
                                           AvroSerdes serdes, Path stateDir, RuntimeMetrics metrics) {
        Properties props = new Properties();
        props.putAll(RuntimeSettings.of(applicationId, "unused:9092", stateDir)
                .streamsConfig(settings, new DeadLetters()));
        props.put(RuntimeMetrics.CONFIG, metrics);
        return new TopologyTestDriver(EventloomRuntime.topology(domain, settings, serdes, serdes), props);
    }

    /** Records piped into {@code topic} with its own serdes. */
    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Records read from {@code topic} with its own serdes. */
    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
