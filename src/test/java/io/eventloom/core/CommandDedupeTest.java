package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.avro.ProcessedCommand;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedupe store's sweep on a real in-memory store: rounds of slices over the whole store, a rest after each round
 * until its oldest entry expires (at least a hundredth of the retention), and what {@link CommandDedupe#find} says
 * meanwhile.
 */
class CommandDedupeTest {

    private static final Duration RETENTION = Duration.ofMinutes(100);
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final String CHANGELOG = "dedupe-test-changelog";

    private final Serde<ProcessedCommand> serde = TestSerdes.inMemory().specificValue(ProcessedCommand.class);
    private KeyValueStore<String, byte[]> store;
    private CommandDedupe dedupe;

    @BeforeEach
    void openStore() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "command-dedupe-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>(config);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("processed"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        dedupe = new CommandDedupe(store, serde, CHANGELOG, RETENTION);
    }

    @Test
    void givenYoungEntries_whenARoundEnds_thenTheSweepRestsUntilTheOldestExpires_andThenDeletesIt() {
        remember("a", T0);
        remember("b", T0.plusSeconds(60));

        assertThat(dedupe.sweep(T0.plusSeconds(61))).as("the first round").isEqualTo(2);
        assertThat(dedupe.sweep(T0.plusSeconds(62))).as("resting").isZero();
        assertThat(dedupe.sweep(T0.plus(RETENTION))).as("a is not expired yet").isZero();
        assertThat(dedupe.find("a", T0.plus(RETENTION))).isPresent();

        Instant aExpired = T0.plus(RETENTION).plusMillis(1);
        assertThat(dedupe.find("a", aExpired)).isEmpty();
        assertThat(dedupe.sweep(aExpired)).isEqualTo(2);
        assertThat(keys()).containsExactly("b");
    }

    @Test
    void givenAnEntryAboutToExpire_whenARoundEnds_thenItWaitsAtMostAHundredthOfTheRetention() {
        remember("a", T0);
        remember("b", T0.plusSeconds(30));

        Instant aExpired = T0.plus(RETENTION).plusMillis(1);
        assertThat(dedupe.sweep(aExpired)).isEqualTo(2);
        assertThat(keys()).containsExactly("b");

        Instant bExpired = T0.plusSeconds(30).plus(RETENTION).plusMillis(1);
        assertThat(dedupe.find("b", bExpired)).as("expired, so a new command").isEmpty();
        assertThat(dedupe.sweep(bExpired)).as("within the shortest rest").isZero();
        assertThat(dedupe.sweep(aExpired.plus(RETENTION.dividedBy(CommandDedupe.REST_DIVISOR)))).isEqualTo(1);
        assertThat(keys()).isEmpty();
    }

    @Test
    void givenMoreEntriesThanASlice_whenSwept_thenTheRoundGoesOnSliceBySlice_andRestsOnlyWhenItHasSeenThemAll() {
        int entries = CommandDedupe.SWEEP_SLICE + 10;
        for (int i = 0; i < entries; i++) {
            remember(String.format("id-%05d", i), T0);
        }
        remember("written-during-the-round", T0.plusSeconds(1));

        assertThat(dedupe.sweep(T0.plusSeconds(1))).isEqualTo(CommandDedupe.SWEEP_SLICE);
        assertThat(dedupe.sweep(T0.plusSeconds(2))).isEqualTo(11);
        assertThat(dedupe.sweep(T0.plusSeconds(3))).isZero();

        Instant expired = T0.plus(RETENTION).plusMillis(1);
        assertThat(dedupe.sweep(expired)).isEqualTo(CommandDedupe.SWEEP_SLICE);
        assertThat(dedupe.sweep(expired)).isEqualTo(11);
        assertThat(keys()).containsExactly("written-during-the-round");
    }

    @Test
    void givenAnEmptyStore_whenARoundEnds_thenEntriesWrittenAfterItAreSweptOnceTheyExpire() {
        assertThat(dedupe.sweep(T0)).isZero();
        remember("a", T0.plusSeconds(5));

        assertThat(dedupe.sweep(T0.plusSeconds(6))).as("resting: a was written after the round").isZero();
        assertThat(dedupe.sweep(T0.plus(RETENTION).plusMillis(1))).isEqualTo(1);
        assertThat(dedupe.sweep(T0.plusSeconds(5).plus(RETENTION).plusMillis(1)))
                .as("within the shortest rest after the last round").isZero();
        Instant later = T0.plus(RETENTION).plusMillis(1).plus(RETENTION.dividedBy(CommandDedupe.REST_DIVISOR));
        assertThat(dedupe.sweep(later)).isEqualTo(1);
        assertThat(keys()).isEmpty();
    }

    @Test
    void givenAnEntryWrittenByAClockBehind_whenItExpiresDuringARest_thenItIsNeverADuplicate_andGoesWithTheNextRound() {
        remember("a", T0);
        assertThat(dedupe.sweep(T0.plusSeconds(1))).isEqualTo(1);
        // Written after the round by an instance whose clock is ten minutes behind (a failover to a skewed host).
        Instant skewed = T0.minus(Duration.ofMinutes(10));
        remember("skewed", skewed);

        Instant skewedExpired = skewed.plus(RETENTION).plusMillis(1);
        assertThat(dedupe.find("skewed", skewedExpired)).as("past the retention: a new command").isEmpty();
        assertThat(dedupe.sweep(skewedExpired)).as("still resting for a").isZero();

        assertThat(dedupe.sweep(T0.plus(RETENTION).plusMillis(1))).isEqualTo(2);
        assertThat(keys()).isEmpty();
    }

    private void remember(String key, Instant processedAt) {
        CommandResult result = CommandResult.newBuilder().setCommandId(key).setAggregateId("counter-1")
                .setStatus(CommandStatus.ACCEPTED).setVersion(1).setEventCount(1).setCorrelationId(key)
                .setProcessedAt(processedAt).build();
        dedupe.remember(key, dedupe.encode(new ProcessedCommand(ByteBuffer.wrap(new byte[] {1}), result),
                processedAt));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
