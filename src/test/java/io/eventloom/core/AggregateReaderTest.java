package io.eventloom.core;

import org.apache.kafka.streams.query.RangeQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds of a history page's range read: as many versions as the page holds, never the rest of the history. */
class AggregateReaderTest {

    @Test
    void givenFromVersionAndLimit_whenRangeBuilt_thenItEndsAtTheLastVersionThePageCanHold() {
        RangeQuery<String, byte[]> range = AggregateReader.historyRange("p-1", 5, 10);

        assertThat(range.getLowerBound()).hasValue(AggregateStores.historyKey("p-1", 5));
        assertThat(range.getUpperBound()).hasValue(AggregateStores.historyKey("p-1", 14));
    }

    @Test
    void givenFromVersionBelowOne_whenRangeBuilt_thenThePageStartsAtTheFirstVersion() {
        RangeQuery<String, byte[]> range = AggregateReader.historyRange("p-1", Long.MIN_VALUE, 3);

        assertThat(range.getLowerBound()).hasValue(AggregateStores.historyKey("p-1", 1));
        assertThat(range.getUpperBound()).hasValue(AggregateStores.historyKey("p-1", 3));
    }

    @Test
    void givenFromVersionNearTheLargest_whenRangeBuilt_thenTheEndStopsAtTheLargestVersionWithoutOverflow() {
        RangeQuery<String, byte[]> range = AggregateReader.historyRange("p-1", Long.MAX_VALUE - 1, 1000);

        assertThat(range.getUpperBound()).hasValue(AggregateStores.historyKey("p-1", Long.MAX_VALUE));
    }
}
