package io.eventloom.serde;

import io.eventloom.serde.testing.Greeting;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory registry client is what topology unit tests use in place of a registry. */
class InMemoryRegistryTopologyTest {

    @Test
    void givenAvroSerdesOnAnInMemoryRegistry_whenTopologyMapsRecords_thenTestDriverRoundTripsThem() {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistryClient(), AvroSerdeConfig.autoRegistering());
        Serde<Greeting> greetings = serdes.specificValue(Greeting.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), greetings))
                .mapValues(g -> Greeting.newBuilder(g).setCount(g.getCount() + 1).build())
                .to("out", Produced.with(Serdes.String(), greetings));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "in-memory-registry");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, Greeting> in = driver.createInputTopic("in",
                    Serdes.String().serializer(), greetings.serializer());
            TestOutputTopic<String, Greeting> out = driver.createOutputTopic("out",
                    Serdes.String().deserializer(), greetings.deserializer());

            in.pipeInput("g-1", TestSchemas.greeting("Ada", 1, "en"));

            assertThat(out.readKeyValue().value).isEqualTo(TestSchemas.greeting("Ada", 2, "en"));
        }
    }
}
