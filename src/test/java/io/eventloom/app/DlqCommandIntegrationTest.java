package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.DeadLetterHandler;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.cli.dlq.DeadLetterReplay;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.serde.WireFormat;
import io.eventloom.testing.AvroBinary;
import io.eventloom.testing.CounterSchemas;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code eventloom dlq} against a runtime of the counter on the real broker and registry, with dead letters the
 * runtime itself made.
 *
 * <p>The poison that a fix outside the record can cure: a command in wire format naming a schema id the registry
 * does not hold yet, as when a producer's registration went to another registry or a registry was restored from a
 * backup taken before it. The registry answers "not found", which is poison, not a fault, so the runtime
 * dead-letters it; registering the schema (the fix) gives it that id, and the replayed command is accepted.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DlqCommandIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void givenACommandWithAnUnregisteredSchema_whenListedShownFixedAndReplayed_thenAcceptedAndThenPurged(
            TestBroker broker) throws Exception {
        TopicNames names = new TopicNames("dlq-fix");
        try (RunningRuntime running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), names,
                "dlq-fix-app", stateDir)) {
            CounterTopics topics = CounterTopics.of(names, TestSerdes.on(running.registry().url()));
            SchemaRegistryClient registry = new HttpSchemaRegistryClient(running.registry().url());
            Map<String, String> env = env(running, names);
            // One good command first, so every schema the runtime writes (results, events, state) is registered
            // and the next new schema is ours.
            sendGood(running, topics);
            await().atMost(TIMEOUT).until(() -> results(running, topics).size() == 1);
            int unheldId = nextSchemaId(registry);
            Schema evolved = CounterSchemas.evolvedCommandSchema();
            send(running, names.commands("counter"), WireFormat.frame(unheldId, AvroBinary.encode(command(evolved))));

            await().atMost(TIMEOUT).until(() -> run(env, "dlq", "list").exit() == ExitCodes.FOUND);
            Run list = run(env, "dlq", "list", "--output", "json");
            JsonNode letter = JSON.readTree(list.out()).get("deadLetters").get(0);
            String id = letter.get("id").asText();
            assertThat(letter.get("sourceTopic").asText()).isEqualTo(names.commands("counter"));
            assertThat(letter.get("key").asText()).isEqualTo("c-1");
            assertThat(letter.get("errorClass").asText()).endsWith("SerializationException");
            assertThat(run(env, "dlq", "list").out()).contains(id + "  " + names.commands("counter") + "-")
                    .contains("key=c-1").contains("1 dead letter(s)");
            assertThat(run(env, "dlq", "list", "--source-topic", "elsewhere").exit()).isEqualTo(ExitCodes.OK);

            Run unfixed = run(env, "dlq", "show", id);
            assertThat(unfixed.exit()).isEqualTo(ExitCodes.OK);
            assertThat(unfixed.out()).contains(DeadLetterHandler.ERROR_STACKTRACE).contains("Value (hex, not decoded");

            assertThat(registry.register(names.commands("counter") + "-value", evolved)).isEqualTo(unheldId);
            JsonNode shown = JSON.readTree(run(env, "dlq", "show", id, "--output", "json").out());
            assertThat(shown.get("value").get("format").asText()).isEqualTo("json");
            assertThat(JSON.readTree(shown.get("value").get("text").asText()).get("channel").asText())
                    .isEqualTo("from-a-restored-registry");

            Run replay = run(env, "dlq", "replay", id);
            assertThat(replay.exit()).as(replay.err()).isEqualTo(ExitCodes.OK);
            assertThat(replay.out()).contains("replayed " + id);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(results(running, topics))
                    .filteredOn(result -> result.getCommandId().equals("poison-1"))
                    .singleElement().extracting(CommandResult::getStatus).isEqualTo(CommandStatus.ACCEPTED));
            assertThat(KafkaTestClients.readAll(running.bootstrapServers(), topics.events(), TIMEOUT))
                    .extracting(ConsumerRecord::value).extracting(CounterEventEnvelope::getCommandId)
                    .contains("poison-1");
            assertReplayedRecordCarriesItsOrigin(running, names, id);
            assertThat(run(env, "dlq", "list").exit()).as("replay does not delete").isEqualTo(ExitCodes.FOUND);

            assertThat(run(env, "dlq", "purge", id).exit()).isEqualTo(ExitCodes.OK);
            assertThat(run(env, "dlq", "list").exit()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void givenGarbageDeadLetters_whenReplayCannotReachKafkaOrPurgeSkipsOne_thenTheyStayUntilPurgedInOrder(
            TestBroker broker) throws Exception {
        TopicNames names = new TopicNames("dlq-garbage");
        try (RunningRuntime running = RunningRuntime.start(broker, Domain.of(List.of(CounterAggregate.TYPE)), names,
                "dlq-garbage-app", stateDir)) {
            Map<String, String> env = env(running, names);
            send(running, names.commands("counter"), "garbage-1".getBytes(StandardCharsets.UTF_8));
            send(running, names.commands("counter"), "garbage-2".getBytes(StandardCharsets.UTF_8));
            await().atMost(TIMEOUT).until(() -> ids(env).size() == 2);
            List<String> ids = ids(env);

            Map<String, String> unreachable = new HashMap<>(env);
            unreachable.put("EVENTLOOM_BOOTSTRAP_SERVERS", "localhost:" + FreePort.find());
            unreachable.put("EVENTLOOM_KAFKA_DEFAULT_API_TIMEOUT_MS", "2000");
            unreachable.put("EVENTLOOM_KAFKA_REQUEST_TIMEOUT_MS", "1000");
            Run replay = run(unreachable, "dlq", "replay", "--all");
            assertThat(replay.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(replay.err()).contains("Cannot reach Kafka");
            assertThat(ids(env)).isEqualTo(ids);

            Run show = run(env, "dlq", "show", ids.get(0));
            assertThat(show.out()).contains("Value (hex").contains("676172626167652d31"); // "garbage-1"
            assertThat(run(env, "dlq", "show", "0@999999").exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run(env, "dlq", "purge", "0@999999").exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run(env, "dlq", "purge", "not-an-id").exit()).isEqualTo(ExitCodes.USAGE);

            Run skipping = run(env, "dlq", "purge", ids.get(1));
            assertThat(skipping.exit()).isEqualTo(ExitCodes.FOUND);
            assertThat(skipping.err()).contains("Nothing purged").contains(ids.get(0));
            assertThat(ids(env)).isEqualTo(ids);

            Run all = run(env, "dlq", "purge", "--all", "--output", "json");
            assertThat(all.exit()).isEqualTo(ExitCodes.OK);
            assertThat(JSON.readTree(all.out()).get("purged")).hasSize(2);
            assertThat(run(env, "dlq", "list").exit()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void givenEveryDlqCommand_whenAskedForHelp_thenItAnswersWithItsUsageAndExitCodes() {
        for (String command : List.of("list", "show", "replay", "purge")) {
            Run help = run(Map.of(), "dlq", command, "--help");
            assertThat(help.exit()).isEqualTo(ExitCodes.OK);
            assertThat(help.out()).contains("Usage: eventloom dlq " + command);
        }
        assertThat(run(Map.of(), "dlq", "purge", "--help").out()).contains("deleteRecords").contains("Exit codes:");
    }

    private static Map<String, String> env(RunningRuntime running, TopicNames names) {
        return Map.of("EVENTLOOM_BOOTSTRAP_SERVERS", running.bootstrapServers(),
                "EVENTLOOM_SCHEMA_REGISTRY_URL", running.registry().url(),
                "EVENTLOOM_TOPIC_NAMESPACE", names.namespace());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new Main(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> ids(Map<String, String> env) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(run(env, "dlq", "list", "--output", "json").out()).get("deadLetters")
                .forEach(letter -> ids.add(letter.get("id").asText()));
        return ids;
    }

    private static void assertReplayedRecordCarriesItsOrigin(RunningRuntime running, TopicNames names, String id) {
        List<ConsumerRecord<String, String>> commands = KafkaTestClients.readAll(running.bootstrapServers(),
                names.commands("counter"), TIMEOUT);
        assertThat(commands).filteredOn(record -> record.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM) != null)
                .singleElement().satisfies(record -> {
                    assertThat(new String(record.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM).value(),
                            StandardCharsets.UTF_8)).isEqualTo(id);
                    assertThat(record.headers().lastHeader(DeadLetterHandler.ERROR_CLASS)).isNull();
                    assertThat(record.key()).isEqualTo("c-1");
                });
    }

    /** The id the registry gives the next new schema: it numbers schemas 1, 2, 3... */
    private static int nextSchemaId(SchemaRegistryClient registry) {
        for (int id = 1; ; id++) {
            try {
                registry.schemaById(id);
            } catch (SchemaRegistryException e) {
                assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                return id;
            }
        }
    }

    private static void sendGood(RunningRuntime running, CounterTopics topics) {
        try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(
                running.bootstrapServers(), topics.commands(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            producer.send(new ProducerRecord<>(topics.commands().name(), "c-1", CounterCommandEnvelope.newBuilder()
                    .setCommandId("good-1").setAggregateId("c-1").setIssuedAt(Instant.now())
                    .setCorrelationId("good-1").setPayload(new Increment(1)).build()));
        }
    }

    private static void send(RunningRuntime running, String topic, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "c-1", value)).get();
        }
    }

    private static List<CommandResult> results(RunningRuntime running, CounterTopics topics) {
        return KafkaTestClients.readAll(running.bootstrapServers(), topics.results(), TIMEOUT).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static GenericRecord command(Schema schema) {
        Schema increment = schema.getField("payload").schema().getTypes().stream()
                .filter(s -> s.getName().equals("Increment")).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(increment);
        payload.put("amount", 1);
        GenericRecord envelope = new GenericData.Record(schema);
        envelope.put("commandId", "poison-1");
        envelope.put("aggregateId", "c-1");
        envelope.put("expectedVersion", null);
        envelope.put("issuedAt", System.currentTimeMillis());
        envelope.put("correlationId", "poison-1");
        envelope.put("causationId", null);
        envelope.put("metadata", Map.of());
        envelope.put("payload", payload);
        envelope.put("channel", "from-a-restored-registry");
        return envelope;
    }
}
