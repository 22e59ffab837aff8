package io.eventloom.app;

import io.eventloom.core.AggregateStores;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterGroupRow;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.Compatibility;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.WireFormat;
import io.eventloom.testing.AvroBinary;
import io.eventloom.testing.KeyPartitions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection's rows change shape under a running system, on the real broker and registry: rows its current row
 * schema cannot read are not read; the projection, and those computed from it, are rebuilt from the events beside
 * the old ones, and reads switch to them, as a snapshot that cannot be read is rebuilt.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProjectionRowEvolutionIntegrationTest {

    private static final Domain DOMAIN = new Domain(List.of(CounterAggregate.TYPE), List.of(),
            CounterProjections.ALL);
    private static final String APP = "row-evolution";
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** What an earlier version kept as a counter's row: the value was text then, and text does not become an int. */
    private static final Schema EARLIER_ROW = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterRow", "namespace": "io.eventloom.core.counter",
             "fields": [{"name": "counterId", "type": "string"}, {"name": "value", "type": "string"},
                        {"name": "version", "type": "long"}]}""");

    @Test
    void givenRowsTheRowSchemaCannotRead_whenTheAppStarts_thenTheProjectionAndThoseBuiltFromItAreRebuiltFromEvents(
            TestBroker broker, @TempDir Path before, @TempDir Path after) throws Exception {
        String rowSubject = AggregateStores.changelog(APP, CounterProjections.ROWS.name()) + "-value";
        try (EventloomApp app = start(broker, before)) {
            send(app, "a-1", 1);
            send(app, "a-1", 2);
            send(app, "a-2", 10);
            await().atMost(TIMEOUT).until(() -> row(app, CounterProjections.ROWS.name(), "a-2").isPresent());
            // An earlier release's row, as if it had been written before this code's row schema: the registry held
            // the earlier schema, and nothing this code can read was ever written for the key since.
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(app.schemaRegistryUrl(),
                    app.adminToken().map(token -> "Bearer " + token));
            registry.setCompatibility(rowSubject, Compatibility.NONE);
            GenericRecord earlier = new GenericData.Record(EARLIER_ROW);
            earlier.put("counterId", "a-1");
            earlier.put("value", "three");
            earlier.put("version", 2L);
            write(broker, AggregateStores.changelog(APP, CounterProjections.ROWS.name()), "a-1",
                    WireFormat.frame(registry.register(rowSubject, EARLIER_ROW), AvroBinary.encode(earlier)));
            registry.setCompatibility(rowSubject, Compatibility.BACKWARD_TRANSITIVE);
        }

        // A fresh state directory, as on a new machine: without the rebuild, the store would restore that row.
        try (EventloomApp app = start(broker, after)) {
            EventloomRuntime runtime = app.services().runtime();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                for (String projection : List.of("counter-rows", "counter-with-base", "counter-groups")) {
                    assertThat(runtime.projectionGenerations().of(projection).live()).as(projection).isEqualTo(2);
                }
            });
            assertThat(row(app, "counter-rows", "a-1")).hasValue(new CounterRow("a-1", 3, 2L));
            assertThat(runtime.health()).filteredOn(check -> check.name().equals("projections")).singleElement()
                    .satisfies(check -> assertThat(check.check().details().get("counter-rows"))
                            .isEqualTo(Map.of("generation", 2, "status", "RUNNING")));
            assertThat(row(app, "counter-groups", "a")).hasValue(new CounterGroupRow(2, 13, 2L));
            send(app, "a-1", 4);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(row(app, "counter-rows", "a-1"))
                    .hasValue(new CounterRow("a-1", 7, 3L)));
            // The runtime's own generation was never read nor written with the earlier rows: nothing failed.
            assertThat(runtime.deadLetters().check().details()).containsEntry("sinceStart", 0L);
        }
    }

    private static EventloomApp start(TestBroker broker, Path dir) {
        return EventloomApp.start(CliShop.config(broker, APP, dir, Map.of(
                EventloomConfig.TOPIC_PARTITIONS, String.valueOf(PARTITIONS))), DOMAIN);
    }

    private static void send(EventloomApp app, String id, int amount) throws Exception {
        assertThat(app.services().gateway().send("counter", id, new Increment(amount), CommandOptions.defaults(),
                TIMEOUT).get().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
    }

    private static Optional<Object> row(EventloomApp app, String projection, String key) {
        try {
            return app.services().projections().row(projection, key).map(Object.class::cast);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    /** A record of a store's changelog, in the partition of the key's task. */
    private static void write(TestBroker broker, String changelog, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(changelog, KeyPartitions.of(key, PARTITIONS), key, value)).get();
        }
    }
}
