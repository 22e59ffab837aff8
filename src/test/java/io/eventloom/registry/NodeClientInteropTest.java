package io.eventloom.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.TestSchemas;
import io.eventloom.serde.testing.Greeting;
import io.eventloom.testing.NodeProject;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third-party Confluent client, {@code @kafkajs/confluent-schema-registry} on Node.js, against our registry
 * and our serde's bytes: it registers, fetches, encodes and decodes, and we decode what it encoded.
 */
@ExtendWith(KafkaBrokerExtension.class)
class NodeClientInteropTest {

    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(1);

    @Test
    void givenNodeConfluentClient_whenItRegistersEncodesAndDecodes_thenIdsAndBytesMatchOurSerde(
            TestBroker broker, @TempDir Path work) throws Exception {
        NodeProject.requireInstalled(work);
        try (EmbeddedSchemaRegistry registry = RegistryFixtures.start(broker, RegistryFixtures.freshTopic())) {
            AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(registry.url()),
                    AvroSerdeConfig.autoRegistering());
            Serde<Greeting> serde = serdes.specificValue(Greeting.class);
            byte[] fromJava = serde.serializer()
                    .serialize("interop.greetings", TestSchemas.greeting("from-java", 7, "de"));
            int javaId = new RegistryHttp(registry.url()).get("/subjects/interop.greetings-value/versions/latest")
                    .json().path("id").asInt();

            JsonNode node = new ObjectMapper().readTree(NodeProject.run(work, NODE_TIMEOUT, "node", "interop.js", registry.url(),
                    "interop.node-value", Greeting.getClassSchema().toString(), HexFormat.of().formatHex(fromJava)));

            // Same schema under another subject: Confluent's global ids say it must be the same id.
            assertThat(node.path("registeredId").asInt()).isEqualTo(javaId);
            assertThat(node.path("latestId").asInt()).isEqualTo(javaId);
            assertThat(node.path("fetchedName").asText()).isEqualTo("io.eventloom.serde.testing.Greeting");
            JsonNode decoded = node.path("decodedFromJava");
            assertThat(decoded.path("name").asText()).isEqualTo("from-java");
            assertThat(decoded.path("count").asInt()).isEqualTo(7);
            assertThat(decoded.path("language").asText()).isEqualTo("de");

            byte[] fromNode = HexFormat.of().parseHex(node.path("encodedHex").asText());
            assertThat(HexFormat.of().formatHex(fromNode, 0, 5)).isEqualTo("00" + "%08x".formatted(javaId));
            assertThat(serde.deserializer().deserialize("interop.greetings", fromNode))
                    .isEqualTo(TestSchemas.greeting("from-node", 42, "js"));
            assertThat(fromNode).isEqualTo(
                    serde.serializer().serialize("interop.greetings", TestSchemas.greeting("from-node", 42, "js")));
        }
    }
}
