package io.eventloom.registry;

import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.TestSchemas;
import io.eventloom.serde.testing.Greeting;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What only the registry's topic gives: state that outlives a restart and is shared between instances. */
@ExtendWith(KafkaBrokerExtension.class)
class SchemaRegistrySharedStateTest {

    @Test
    void givenRegisteredSchemas_whenRegistryRestarts_thenSameIdsVersionsAndLevels(TestBroker broker) {
        String topic = RegistryFixtures.freshTopic();
        int v1;
        int v2;
        try (EmbeddedSchemaRegistry first = RegistryFixtures.start(broker, topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            v1 = http.register("restart-value", TestSchemas.GREETING_V1);
            v2 = http.register("restart-value", Greeting.getClassSchema());
            http.put("/config/restart-value", "{\"compatibility\": \"FULL\"}");
            http.delete("/subjects/restart-value/versions/1");
        }

        try (EmbeddedSchemaRegistry second = RegistryFixtures.start(broker, topic)) {
            RegistryHttp http = new RegistryHttp(second.url());

            assertThat(http.get("/schemas/ids/" + v1).status()).isEqualTo(200);
            assertThat(http.get("/subjects/restart-value/versions/latest").json().path("id").asInt()).isEqualTo(v2);
            assertThat(http.get("/subjects/restart-value/versions").text()).isEqualTo("[2]");
            assertThat(http.get("/config/restart-value").json().path("compatibilityLevel").asText())
                    .isEqualTo("FULL");
            assertThat(http.register("restart-value", Greeting.getClassSchema())).isEqualTo(v2);
            assertThat(http.register("restart-other-value", note(1))).isGreaterThan(v2);
        }
    }

    @Test
    void givenTwoInstancesOnOneTopic_whenEachRegisters_thenEachSeesTheOthersSchemasUnderTheSameIds(TestBroker broker) {
        String topic = RegistryFixtures.freshTopic();
        try (EmbeddedSchemaRegistry a = RegistryFixtures.start(broker, topic);
             EmbeddedSchemaRegistry b = RegistryFixtures.start(broker, topic)) {
            RegistryHttp httpA = new RegistryHttp(a.url());
            RegistryHttp httpB = new RegistryHttp(b.url());

            int fromA = httpA.register("shared-value", TestSchemas.GREETING_V1);
            // B has not been told anything: it reads A's record from the topic before answering a miss.
            assertThat(httpB.get("/schemas/ids/" + fromA).status()).isEqualTo(200);
            assertThat(httpB.register("shared-value", TestSchemas.GREETING_V1)).isEqualTo(fromA);
            int fromB = httpB.register("shared-value", Greeting.getClassSchema());

            assertThat(httpA.get("/subjects/shared-value/versions/2").json().path("id").asInt()).isEqualTo(fromB);
            assertThat(httpA.post("/subjects/shared-value/versions",
                    RegistryHttp.schemaBody(TestSchemas.GREETING_V3_REQUIRED_FIELD)).status()).isEqualTo(409);
        }
    }

    @Test
    void givenTwoInstancesRacing_whenBothRegisterManySchemasAtOnce_thenIdsNeverCollideAndBothAgree(
            TestBroker broker) throws Exception {
        String topic = RegistryFixtures.freshTopic();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (EmbeddedSchemaRegistry a = RegistryFixtures.start(broker, topic);
             EmbeddedSchemaRegistry b = RegistryFixtures.start(broker, topic)) {
            List<RegistryHttp> instances = List.of(new RegistryHttp(a.url()), new RegistryHttp(b.url()));
            List<CompletableFuture<Integer>> ids = new ArrayList<>();
            // Each schema is registered through both instances at once, under its own subject.
            for (int n = 0; n < 20; n++) {
                Schema schema = note(n);
                for (RegistryHttp http : instances) {
                    ids.add(CompletableFuture.supplyAsync(() -> http.register("race-" + schema.getName(), schema),
                            pool));
                }
            }
            List<Integer> answered = ids.stream().map(CompletableFuture::join).toList();

            for (int n = 0; n < 20; n++) {
                assertThat(answered.get(2 * n)).as("both instances give schema %d one id", n)
                        .isEqualTo(answered.get(2 * n + 1));
            }
            assertThat(answered.stream().distinct().count()).isEqualTo(20);
            for (int n = 0; n < 20; n++) {
                String subject = "/subjects/race-Note" + n + "/versions";
                assertThat(instances.get(0).get(subject).text()).isEqualTo("[1]");
                assertThat(instances.get(1).get(subject + "/1").json().path("id").asInt())
                        .isEqualTo(answered.get(2 * n));
            }
            IntStream.range(0, 20).forEach(n -> assertThat(instances.get(1).get("/schemas/ids/" + answered.get(2 * n))
                    .json().path("schema").asText()).isEqualTo(note(n).toString()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenAnUnreadableRecordInTheTopic_whenRegistering_thenTheReaderSkipsItAndStaysUp(TestBroker broker)
            throws Exception {
        String topic = RegistryFixtures.freshTopic();
        try (EmbeddedSchemaRegistry registry = RegistryFixtures.start(broker, topic)) {
            KafkaTestClients.produce(broker.bootstrapServers(), topic, Map.of("someone-else", "{not a request"));

            int id = new RegistryHttp(registry.url()).register("after-garbage-value", TestSchemas.GREETING_V1);

            assertThat(id).isPositive();
            assertThat(registry.health().name()).isEqualTo("registry");
            assertThat(registry.health().check().up()).isTrue();
        }
    }

    private static Schema note(int n) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Note" + n + "\", \"namespace\": \"race\","
                + " \"fields\": [{\"name\": \"text\", \"type\": \"string\"}]}");
    }
}
