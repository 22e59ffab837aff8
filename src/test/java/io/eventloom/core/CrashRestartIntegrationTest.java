package io.eventloom.core;

import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.Increment;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.testing.ChildJvm;
import io.eventloom.testing.SmallMemtables;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A runtime killed with SIGKILL under exactly-once keeps its local state: its stores resume from the changelog
 * offsets RocksDB last flushed together with their data, instead of being wiped and rebuilt from the whole
 * changelogs. Small memtables make RocksDB flush here as it does with production-sized state.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashRestartIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("crash-restart");
    private static final String APP_ID = "crash-restart-app";
    private static final int COMMANDS = 25_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) records");
    private static final List<String> CHANGELOGS = List.of("counter-aggregate-state", "counter-command-dedupe",
            "counter-event-history");

    @TempDir
    Path dir;

    @Test
    void givenStateBuiltUp_whenKilledAndRestarted_thenOnlyTheTailOfTheChangelogsIsRestored(TestBroker broker)
            throws Exception {
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = KafkaTestClients.admin(bootstrap)) {
            new TopicSetup(admin, TIMEOUT).ensure(List.of(
                    TopicSpec.withDefaultRetention(TOPICS.commands("counter"), 1, (short) 1),
                    TopicSpec.retainedForever(TOPICS.events("counter"), 1, (short) 1),
                    TopicSpec.withDefaultRetention(TOPICS.commandResults("counter"), 1, (short) 1),
                    TopicSpec.retainedForever(TOPICS.deadLetters(), 1, (short) 1)));
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, FreePort.find())) {
                String[] args = {bootstrap, registry.url(), dir.resolve("state").toString(), TOPICS.namespace(),
                        APP_ID, "1", StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG + "="
                        + SmallMemtables.class.getName()};
                ChildJvm first = start(args, "first.log");
                send(bootstrap, registry.url());
                TopicPartition results = new TopicPartition(TOPICS.commandResults("counter"), 0);
                await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() ->
                        admin.listOffsets(Map.of(results, OffsetSpec.latest())).all().get().get(results).offset()
                                >= COMMANDS);
                first.kill();
                long changelogRecords = changelogRecords(admin);

                try (ChildJvm second = start(args, "second.log")) {
                    long restored = restored(second);
                    // Static membership: the restarted runtime took the killed one's place in the group at once
                    // (a dynamic member would have waited for the dead one's session to time out).
                    String memberId = Files.readString(dir.resolve("state").resolve(APP_ID + ".member-id")).trim();
                    assertThat(admin.describeConsumerGroups(List.of(APP_ID)).all().get().get(APP_ID).members())
                            .extracting(member -> member.groupInstanceId().orElse("dynamic"))
                            .containsExactly(memberId + "-1");
                    assertThat(changelogRecords).isGreaterThanOrEqualTo(3L * COMMANDS);
                    assertThat(restored).as("records restored after kill -9, of %d in the changelogs",
                            changelogRecords).isLessThan(changelogRecords / 2);
                    second.stop();
                }
            }
        }
    }

    private ChildJvm start(String[] args, String log) {
        return ChildJvm.start(CounterRuntimeMain.class, dir.resolve(log), args)
                .awaitLine(CounterRuntimeMain.READY_LINE, TIMEOUT);
    }

    private static long restored(ChildJvm child) {
        Matcher matcher = RESTORED.matcher(child.output());
        assertThat(matcher.find()).as("the child says what it restored:\n%s", child.output()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static long changelogRecords(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = CHANGELOGS.stream().collect(Collectors.toMap(
                store -> new TopicPartition(APP_ID + "-" + store + "-changelog", 0), store -> OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static void send(String bootstrap, String registryUrl) {
        Topic<String, CounterCommandEnvelope> commands = CounterTopics.of(TOPICS, TestSerdes.on(registryUrl))
                .commands();
        try (KafkaProducer<String, CounterCommandEnvelope> producer = KafkaTestClients.producer(bootstrap, commands,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < COMMANDS; i++) {
                String id = "counter-" + (i % 1_000);
                producer.send(new ProducerRecord<>(commands.name(), id, CounterCommandEnvelope.newBuilder()
                        .setCommandId("cmd-" + i).setAggregateId(id).setIssuedAt(Instant.now())
                        .setCorrelationId("cmd-" + i).setPayload(new Increment(1)).build()));
            }
        }
    }
}
