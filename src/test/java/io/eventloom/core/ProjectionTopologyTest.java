package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterGroupRow;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.CounterTopics;
import io.eventloom.core.counter.CounterWithBaseRow;
import io.eventloom.core.counter.Increment;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection facility on the test driver: a fold over events, a foreign-key join and a regrouping. */
class ProjectionTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("test");

    @TempDir
    Path stateDir;

    private final AtomicInteger commandIds = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, CounterCommandEnvelope> commands;

    @BeforeEach
    void startDriver() {
        AvroSerdes serdes = TestSerdes.inMemory();
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(), CounterProjections.ALL);
        driver = TestDrivers.start("projection-test", domain, TopologySettings.of(TOPICS, 1), serdes, stateDir);
        commands = TestDrivers.input(driver, CounterTopics.of(TOPICS, serdes).commands());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenIncrements_whenFolded_thenRowHoldsSumAndLatestVersion() {
        increment("a-1", 3);
        increment("a-1", 4);

        assertThat(row(CounterProjections.ROWS.name(), "a-1")).isEqualTo(new CounterRow("a-1", 7, 2L));
    }

    @Test
    void givenJoinedRow_whenForeignRowChangesAfterwards_thenJoinedRowFollows() {
        increment("a-1", 2);
        assertThat(row(CounterProjections.WITH_BASE.name(), "a-1"))
                .isEqualTo(new CounterWithBaseRow("a-1", 2, null, 1L));

        increment(CounterProjections.BASE, 10);
        assertThat(row(CounterProjections.WITH_BASE.name(), "a-1"))
                .isEqualTo(new CounterWithBaseRow("a-1", 2, 10, 1L));

        increment(CounterProjections.BASE, 5);
        assertThat(row(CounterProjections.WITH_BASE.name(), "a-1"))
                .isEqualTo(new CounterWithBaseRow("a-1", 2, 15, 1L));
    }

    // The foreign-key join's two sides reach it through different topics; max.task.idle.ms=-1 lets either come first.
    @Test
    void givenForeignRowFirst_whenTheJoiningRowArrivesAfterIt_thenTheJoinedRowIsTheSameAsInTheOtherOrder() {
        increment(CounterProjections.BASE, 10);

        increment("a-1", 2);

        assertThat(row(CounterProjections.WITH_BASE.name(), "a-1"))
                .isEqualTo(new CounterWithBaseRow("a-1", 2, 10, 1L));
    }

    @Test
    void givenRowsChangingInGroups_whenRegrouped_thenOldValuesAreSubtractedBeforeNewOnesAdded() {
        increment("a-1", 1);
        increment("a-1", 2);
        increment("a-2", 5);
        increment("b-1", 7);

        assertThat(row(CounterProjections.GROUPS.name(), "a")).isEqualTo(new CounterGroupRow(2, 8, 2L));
        assertThat(row(CounterProjections.GROUPS.name(), "b")).isEqualTo(new CounterGroupRow(1, 7, 1L));
    }

    private void increment(String counter, int amount) {
        commands.pipeInput(counter, CommandTopologyTest.command("cmd-" + commandIds.incrementAndGet(), counter, null,
                new Increment(amount)));
    }

    private Object row(String store, String key) {
        return driver.getKeyValueStore(store).get(key);
    }
}
