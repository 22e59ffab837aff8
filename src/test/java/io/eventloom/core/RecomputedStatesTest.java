package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.Increment;
import io.eventloom.core.counter.Incremented;
import io.eventloom.core.counter.LimitReached;
import io.eventloom.core.counter.Noted;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecomputedStatesTest {

    private final RecomputedStates states = new RecomputedStates(List.of(CounterAggregate.TYPE));

    @Test
    void givenTwoCountersEventsInterleaved_whenApplied_thenEachIsItsOwnFoldAtItsLastVersion() {
        states.apply("counter", event("b", 1, new Incremented(5)));
        states.apply("counter", event("a", 1, new Incremented(2)));
        states.apply("counter", event("b", 2, new Noted("hi")));
        states.apply("counter", event("b", 3, new LimitReached(9)));

        assertThat(states.ids("counter")).containsExactly("a", "b");
        assertThat(states.snapshot("counter", "a")).contains(new Snapshot<>(1, new CounterState(2, false, "")));
        assertThat(states.snapshot("counter", "b")).contains(new Snapshot<>(3, new CounterState(5, true, "hi")));
        assertThat(states.snapshot("counter", "c")).isEmpty();
    }

    @Test
    void givenTheSameEvents_whenAppliedOrReplayed_thenTheSnapshotIsTheRuntimesRebuild() {
        List<StoredEvent> history = List.of(event("a", 1, new Incremented(2)), event("a", 2, new Noted("x")));
        history.forEach(event -> states.apply("counter", event));

        assertThat(states.snapshot("counter", "a")).contains(Snapshot.replay(CounterAggregate.TYPE.decider(),
                history));
    }

    @Test
    void givenAnEventTheDeciderThrowsOn_whenApplied_thenUnfoldableAtItsVersionAndLaterEventsChangeNothing() {
        states.apply("counter", event("a", 1, new Incremented(2)));
        states.apply("counter", event("a", 2, new Increment(1)));
        states.apply("counter", event("a", 3, new Incremented(4)));

        assertThat(states.snapshot("counter", "a")).isEmpty();
        assertThat(states.ids("counter")).containsExactly("a");
        assertThat(states.unfoldable("counter", "a")).hasValueSatisfying(unfoldable -> {
            assertThat(unfoldable.version()).isEqualTo(2);
            assertThat(unfoldable.reason()).contains("unexpected event");
        });
    }

    @Test
    void givenATypeNotRecomputed_whenApplied_thenRefusedNamingTheRecomputedOnes() {
        assertThatThrownBy(() -> states.apply("order", event("o", 1, new Incremented(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order").hasMessageContaining(
                        "[counter]");
    }

    static StoredEvent event(String id, long version, SpecificRecord payload) {
        return new StoredEvent(id + "-" + version, id, version, Instant.EPOCH.plusSeconds(version), "cmd-" + version,
                "corr", Optional.empty(), payload);
    }
}
