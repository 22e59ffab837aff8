package io.eventloom.core;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A projection's lag from the offsets and timestamps Kafka gave: records behind and the oldest one's age. */
class ProjectionLagTest {

    private static final TopicPartition EVENTS_0 = new TopicPartition("shop.order.events", 0);
    private static final TopicPartition EVENTS_1 = new TopicPartition("shop.order.events", 1);
    private static final TopicPartition REPARTITION = new TopicPartition("app-stats-regroup-repartition", 0);
    private static final Set<TopicPartition> INPUTS = Set.of(EVENTS_0, EVENTS_1, REPARTITION);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:30Z");

    @Test
    void givenEveryPartitionReadToItsEnd_thenNoRecordsAndNoSecondsBehind() {
        ProjectionLag.Lag lag = ProjectionLag.lag(INPUTS, Map.of(EVENTS_0, 5L, EVENTS_1, 7L, REPARTITION, 3L),
                Map.of(EVENTS_0, 5L, EVENTS_1, 7L, REPARTITION, 3L), Map.of(), NOW);

        assertThat(lag).isEqualTo(new ProjectionLag.Lag(0, 0));
    }

    @Test
    void givenRecordsPastTheCommits_thenTheirSumAndTheAgeOfTheOldest() {
        ProjectionLag.Lag lag = ProjectionLag.lag(INPUTS, Map.of(EVENTS_0, 9L, EVENTS_1, 7L, REPARTITION, 5L),
                Map.of(EVENTS_0, 5L, EVENTS_1, 7L, REPARTITION, 3L),
                Map.of(EVENTS_0, NOW.minusSeconds(12).toEpochMilli(), REPARTITION, NOW.minusSeconds(4).toEpochMilli()),
                NOW);

        assertThat(lag).isEqualTo(new ProjectionLag.Lag(6, 12));
    }

    @Test
    void givenAPartitionNeverCommitted_thenAllItHoldsIsBehind() {
        ProjectionLag.Lag lag = ProjectionLag.lag(Set.of(EVENTS_0), Map.of(EVENTS_0, 4L), Map.of(),
                Map.of(EVENTS_0, NOW.minusMillis(1500).toEpochMilli()), NOW);

        assertThat(lag).isEqualTo(new ProjectionLag.Lag(4, 1.5));
    }

    @Test
    void givenOnlyTransactionMarkersPastTheCommit_thenOffsetsBehindButNoRecordToAge() {
        ProjectionLag.Lag lag = ProjectionLag.lag(Set.of(EVENTS_0), Map.of(EVENTS_0, 6L), Map.of(EVENTS_0, 5L),
                Map.of(), NOW);

        assertThat(lag).isEqualTo(new ProjectionLag.Lag(1, 0));
    }

    @Test
    void givenPartitionsOfOtherProjections_thenOnlyItsOwnCount() {
        ProjectionLag.Lag lag = ProjectionLag.lag(Set.of(EVENTS_1), Map.of(EVENTS_0, 9L, EVENTS_1, 7L),
                Map.of(EVENTS_0, 5L, EVENTS_1, 7L), Map.of(EVENTS_0, NOW.minusSeconds(12).toEpochMilli()), NOW);

        assertThat(lag).isEqualTo(new ProjectionLag.Lag(0, 0));
    }
}
