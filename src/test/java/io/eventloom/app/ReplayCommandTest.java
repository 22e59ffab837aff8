package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code eventloom replay} on the real broker: a topic of ten records a second apart over two partitions (even ones
 * on partition 0, odd ones on 1), read to the end by a group that committed and stopped.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayCommandTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private String bootstrap;
    private String topic;
    private String group;

    @BeforeEach
    void topicReadByAStoppedGroup(TestBroker broker) throws Exception {
        bootstrap = broker.bootstrapServers();
        topic = "replay-" + RUNS.incrementAndGet();
        group = topic + "-reader";
        try (Admin admin = KafkaTestClients.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, FIRST.plusSeconds(i).toEpochMilli(), "k" + i,
                        "v" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            AtomicInteger read = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).until(() -> read.addAndGet(
                    consumer.poll(Duration.ofMillis(200)).count()) == 10);
            consumer.commitSync();
        }
    }

    @Test
    void givenAStoppedGroup_whenReplayedFromATime_thenItsOffsetsPointAtTheFirstRecordAtThatTime() throws Exception {
        Run run = replay("--from", "2026-01-01T00:00:06Z", "--group", group);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        // Records 6 and 8 on partition 0 (offsets 3, 4), 7 and 9 on partition 1 (offsets 3, 4).
        assertThat(run.out()).contains(topic + "-0: 5 -> 3, 2 to replay").contains(topic + "-1: 5 -> 3, 2 to replay")
                .contains("Rewound group '" + group + "' to 2026-01-01T00:00:06Z: 4 to replay in 2 partitions.");
        assertThat(committed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 3L));
    }

    @Test
    void givenATimeBetweenRecordsAndJsonOutput_whenReplayed_thenEachPartitionStartsAtTheFirstRecordAfterIt()
            throws Exception {
        Run run = replay("--from", "2026-01-01T00:00:04.500+00:00", "--group", group, "--topic", topic,
                "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("total").asLong()).isEqualTo(5);
        assertThat(committed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 2L));
    }

    @Test
    void givenDryRun_whenReplayed_thenItPrintsTheCountAndMovesNothing() throws Exception {
        Run run = replay("--from", "2026-01-01T00:00:00Z", "--group", group, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Would rewind group '" + group + "'").contains(": 10 to replay");
        assertThat(committed()).containsValues(5L, 5L);
    }

    @Test
    void givenAGroupWithAnActiveMember_whenReplayed_thenItIsRefusedAndNothingMoves() throws Exception {
        try (KafkaConsumer<String, String> member = consumer()) {
            member.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });

            Run run = replay("--from", "2026-01-01T00:00:00Z", "--group", group);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
            assertThat(run.err()).contains("Refused: group '" + group + "' has 1 active member(s)");
        }
        assertThat(committed()).containsValues(5L, 5L);
    }

    @Test
    void givenATimeWithoutOffset_whenReplayed_thenItIsAUsageError() {
        Run run = replay("--from", "2026-01-01 00:00", "--group", group);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not an ISO-8601 time with offset");
    }

    @Test
    void givenAGroupThatNeverCommittedAndNoTopic_whenReplayed_thenItAsksForTheTopics() {
        Run run = replay("--from", "2026-01-01T00:00:00Z", "--group", "never-committed");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("group 'never-committed' has no committed offsets; name the topics");
    }

    @Test
    void givenANewGroupAndATopic_whenReplayed_thenItStartsAtTheTimeAndCountsToTheEnd() throws Exception {
        group = topic + "-newcomer";

        Run run = replay("--from", "2026-01-01T00:00:06Z", "--group", group, "--topic", topic);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(topic + "-0: none committed -> 3, 2 to replay").contains(": 4 to replay");
        assertThat(committed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 3L));
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = KafkaTestClients.admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    entry -> entry.getValue().offset()));
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run replay(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "replay";
        System.arraycopy(args, 0, command, 1, args.length);
        int exitCode = Main.commandLine(new Main(Map.of("EVENTLOOM_BOOTSTRAP_SERVERS", bootstrap)))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
