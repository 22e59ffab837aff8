package io.eventloom.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each store's restore progress as its gauges read it: records left and restored while a restore goes on. */
class RestoreProgressTest {

    private static final TopicPartition STATE_0 = new TopicPartition("app-product-aggregate-state-changelog", 0);
    private static final TopicPartition STATE_1 = new TopicPartition("app-product-aggregate-state-changelog", 1);
    private static final TopicPartition HISTORY_0 = new TopicPartition("app-product-event-history-changelog", 0);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RestoreProgress progress = new RestoreProgress(new RuntimeMetrics(registry));

    @Test
    void givenPartitionsOfAStoreRestoring_whenBatchesComeAndTheyEnd_thenItsGaugesFollowAndReturnToZero() {
        progress.onRestoreStart(STATE_0, "product-aggregate-state", 10, 110);
        progress.onRestoreStart(STATE_1, "product-aggregate-state", 0, 50);
        progress.onRestoreStart(HISTORY_0, "product-event-history", 0, 7);
        assertThat(gauges("product-aggregate-state")).containsExactly(150.0, 0.0);

        progress.onBatchRestored(STATE_0, "product-aggregate-state", 50, 40);
        assertThat(gauges("product-aggregate-state")).containsExactly(110.0, 40.0);

        progress.onRestoreEnd(STATE_0, "product-aggregate-state", 100);
        assertThat(gauges("product-aggregate-state")).containsExactly(50.0, 0.0);
        progress.onRestoreEnd(STATE_1, "product-aggregate-state", 50);
        assertThat(gauges("product-aggregate-state")).containsExactly(0.0, 0.0);
        assertThat(gauges("product-event-history")).as("another store's own").containsExactly(7.0, 0.0);
    }

    private double[] gauges(String store) {
        return new double[]{registry.get("eventloom.store.restore.remaining").tag("store", store).gauge().value(),
                registry.get("eventloom.store.restore.restored").tag("store", store).gauge().value()};
    }
}
