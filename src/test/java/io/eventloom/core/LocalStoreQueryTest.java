package io.eventloom.core;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which local query may answer for a key, and when an answer is refused rather than taken for "no such key". */
class LocalStoreQueryTest {

    private static final KeyQuery<String, byte[]> QUERY = KeyQuery.withKey("p-1");
    private static final HostInfo HOST = new HostInfo("localhost", 8080);

    @Test
    void givenKnownOwningPartition_whenRequestBuilt_thenOnlyThatPartitionAndOnlyItsActiveTask() {
        KeyQueryMetadata metadata = new KeyQueryMetadata(HOST, Set.of(new HostInfo("localhost", 8081)), 2);

        StateQueryRequest<byte[]> request = LocalStoreQuery.requestForKey("store", "p-1", metadata, QUERY);

        assertThat(request.isAllPartitions()).isFalse();
        assertThat(request.getPartitions()).containsExactly(2);
        // A standby may lag behind its active task: its "no such key" could be wrong.
        assertThat(request.isRequireActive()).isTrue();
    }

    @Test
    void givenPartition_whenRequestBuilt_thenOnlyThatPartitionAndOnlyItsActiveTask() {
        StateQueryRequest<byte[]> request = LocalStoreQuery.requestForPartition("store", 4, QUERY);

        assertThat(request.isAllPartitions()).isFalse();
        assertThat(request.getPartitions()).containsExactly(4);
        assertThat(request.isRequireActive()).isTrue();
    }

    @Test
    void givenOwnerNotKnown_whenRequestBuilt_thenUnavailableNeverAScanOfEveryLocalPartition() {
        assertThatThrownBy(() -> LocalStoreQuery.requestForKey("store", "p-1", KeyQueryMetadata.NOT_AVAILABLE, QUERY))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("p-1");
        assertThatThrownBy(() -> LocalStoreQuery.requestForKey("store", "p-1", null, QUERY))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void givenPartitionNotActiveOrNotPresentHere_whenAnswered_thenUnavailableNotAnEmptyAnswer() {
        // What a former owner sees: a standby of the partition, or no task for it at all.
        for (FailureReason reason : new FailureReason[] {FailureReason.NOT_ACTIVE, FailureReason.NOT_PRESENT}) {
            StateQueryResult<byte[]> result = new StateQueryResult<>();
            result.addResult(2, QueryResult.forFailure(reason, "partition 2 is not active here"));

            assertThatThrownBy(() -> LocalStoreQuery.answers("store", result, KafkaStreams.State.REBALANCING))
                    .as(reason.name())
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining(reason.name());
        }
    }

    @Test
    void givenActiveOwnerFoundNoValue_whenAnswered_thenTheEmptyAnswerStandsForNoSuchKey() {
        StateQueryResult<byte[]> result = new StateQueryResult<>();
        result.addResult(2, QueryResult.forResult(null));

        assertThat(LocalStoreQuery.answers("store", result, KafkaStreams.State.RUNNING)).containsExactly((byte[]) null);
    }
}
