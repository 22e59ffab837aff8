package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.WireFormat;
import io.eventloom.testing.AvroBinary;
import io.eventloom.testing.KeyPartitions;
import io.eventloom.testing.RunningRuntime;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * State schemas change under a running system, on the real broker and registry: a snapshot written with an older
 * schema Avro can resolve is read as it is; one it cannot resolve is rebuilt from the aggregate's events, and the
 * next command stores a fresh one; a projection row written with an older, compatible row schema is read as it is.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StateEvolutionIntegrationTest {

    private static final Domain DOMAIN = new Domain(List.of(CounterAggregate.TYPE), List.of(),
            List.of(CounterProjections.ROWS));
    private static final String APP = "snapshot-evolution";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** An older state schema Avro resolves into the current one: the fields added since have defaults. */
    private static final Schema COMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterState", "namespace": "io.eventloom.core.counter",
             "fields": [{"name": "value", "type": "int"}]}""");
    /** An older row schema with a field removed since (it had a default): resolved by dropping it. */
    private static final Schema OLDER_ROW = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterRow", "namespace": "io.eventloom.core.counter",
             "fields": [{"name": "counterId", "type": "string"}, {"name": "value", "type": "int"},
                        {"name": "version", "type": "long"}, {"name": "label", "type": "string", "default": ""}]}""");
    /** One it cannot: the value was text then, and text does not become an int. */
    private static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterState", "namespace": "io.eventloom.core.counter",
             "fields": [{"name": "value", "type": "string"}]}""");

    @Test
    void givenSnapshotsAndRowsOfOlderSchemas_whenRead_thenResolvedWhenAvroCanAndRebuiltFromEventsWhenItCannot(
            TestBroker broker, @TempDir Path before, @TempDir Path after) throws Exception {
        TopicNames topics = new TopicNames(APP);
        String stateChangelog = AggregateStores.changelog(APP, AggregateStores.of("counter").state());
        String rowChangelog = AggregateStores.changelog(APP, CounterProjections.ROWS.name());
        String registryUrl;
        try (RunningRuntime running = RunningRuntime.start(broker, DOMAIN, topics, APP, before)) {
            for (String id : List.of("resolved", "rebuilt")) {
                assertThat(send(running, id, 1).getVersion()).isEqualTo(1);
                assertThat(send(running, id, 2).getVersion()).isEqualTo(2);
            }
            registryUrl = running.registry().url();
            // Snapshots are a cache, so their subject takes any shape.
            setLevel(registryUrl, stateChangelog + "-value", "NONE");
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl);
            GenericRecord resolvable = new GenericData.Record(COMPATIBLE);
            // Not what the events fold to: reading this value proves the snapshot was read, not rebuilt.
            resolvable.put("value", 42);
            GenericRecord unreadable = new GenericData.Record(INCOMPATIBLE);
            unreadable.put("value", "three");
            writeSnapshot(broker, stateChangelog, "resolved", 2,
                    WireFormat.frame(registry.register(stateChangelog + "-value", COMPATIBLE), AvroBinary.encode(resolvable)));
            writeSnapshot(broker, stateChangelog, "rebuilt", 2,
                    WireFormat.frame(registry.register(stateChangelog + "-value", INCOMPATIBLE),
                            AvroBinary.encode(unreadable)));
            // The row as an older version wrote it, after the events it reflects: their offsets are committed, so the
            // next start restores this row and has nothing to fold again.
            await().atMost(TIMEOUT).until(() -> running.runtime().projections().row(CounterProjections.ROWS.name(),
                    "resolved").isPresent());
            GenericRecord olderRow = new GenericData.Record(OLDER_ROW);
            olderRow.put("counterId", "resolved");
            olderRow.put("value", 99);
            olderRow.put("version", 2L);
            olderRow.put("label", "written before the label was dropped");
            write(broker, rowChangelog, "resolved", WireFormat.frame(registry.register(rowChangelog + "-value",
                    OLDER_ROW), AvroBinary.encode(olderRow)));
        }

        // A fresh state directory: the stores restore from their changelogs, older snapshots included.
        try (RunningRuntime running = RunningRuntime.start(broker, DOMAIN, topics, APP, after)) {
            AggregateReader reader = running.runtime().aggregates();

            assertThat(reader.state("counter", "resolved").orElseThrow())
                    .isEqualTo(new Snapshot<>(2, new CounterState(42, false, "")));
            assertThat(reader.state("counter", "rebuilt").orElseThrow())
                    .isEqualTo(new Snapshot<>(2, new CounterState(3, false, "")));
            CommandResult next = send(running, "rebuilt", 4);
            assertThat(next.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(next.getVersion()).isEqualTo(3);
            assertThat(reader.state("counter", "rebuilt").orElseThrow())
                    .isEqualTo(new Snapshot<>(3, new CounterState(7, false, "")));
            assertThat(running.runtime().projections().row(CounterProjections.ROWS.name(), "resolved"))
                    .hasValue(new CounterRow("resolved", 99, 2L));
        }
    }

    private static CommandResult send(RunningRuntime running, String id, int amount) throws Exception {
        return running.gateway().send("counter", id, new Increment(amount), CommandOptions.defaults(), TIMEOUT).get();
    }

    /** A snapshot as the store keeps it: its version, then the state in wire format, in the key's partition. */
    private static void writeSnapshot(TestBroker broker, String changelog, String id, long version, byte[] state)
            throws Exception {
        write(broker, changelog, id, ByteBuffer.allocate(Long.BYTES + state.length).putLong(version).put(state)
                .array());
    }

    /** A record of a store's changelog, in the partition of the key's task. */
    private static void write(TestBroker broker, String changelog, String key, byte[] value) throws Exception {
        int partition = KeyPartitions.of(key, RunningRuntime.PARTITIONS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(changelog, partition, key, value)).get();
        }
    }

    private static void setLevel(String registryUrl, String subject, String level) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registryUrl + "/config/" + subject)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\": \"" + level + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
