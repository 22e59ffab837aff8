package io.eventloom.core;

import io.eventloom.core.counter.CounterGroupRow;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.CounterWithBaseRow;
import io.eventloom.core.counter.Incremented;
import io.eventloom.core.counter.Noted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.eventloom.core.RecomputedStatesTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecomputedProjectionsTest {

    @Test
    void givenCountersEvents_whenFolded_thenARowPerCounterAtItsLastVersion() {
        RecomputedProjections projections = new RecomputedProjections(List.of(CounterProjections.ROWS));

        projections.apply("counter", event("a-1", 1, new Incremented(2)));
        projections.apply("counter", event("a-1", 2, new Incremented(3)));
        projections.apply("counter", event("b-1", 1, new Incremented(7)));

        assertThat(projections.rows(CounterProjections.ROWS)).containsExactly(
                Map.entry("a-1", new CounterRow("a-1", 5, 2L)), Map.entry("b-1", new CounterRow("b-1", 7, 1L)));
    }

    @Test
    void givenTheJoinedRowAbsentThenArriving_whenJoined_thenNullFirstThenItsValue() {
        RecomputedProjections projections = new RecomputedProjections(List.of(CounterProjections.WITH_BASE));
        projections.apply("counter", event("a-1", 1, new Incremented(2)));

        assertThat(projections.rows(CounterProjections.WITH_BASE))
                .containsExactly(Map.entry("a-1", new CounterWithBaseRow("a-1", 2, null, 1L)));

        projections.apply("counter", event(CounterProjections.BASE, 1, new Incremented(10)));

        assertThat(projections.rows(CounterProjections.WITH_BASE)).containsEntry("a-1",
                new CounterWithBaseRow("a-1", 2, 10, 1L));
    }

    @Test
    void givenCountersOfTwoPrefixes_whenRegrouped_thenEachGroupAddsItsMembersFromTheInitialRow() {
        RecomputedProjections projections = new RecomputedProjections(List.of(CounterProjections.GROUPS));

        projections.apply("counter", event("a-1", 1, new Incremented(2)));
        projections.apply("counter", event("a-2", 1, new Incremented(3)));
        projections.apply("counter", event("a-2", 2, new Incremented(1)));
        projections.apply("counter", event("b-1", 1, new Incremented(7)));

        assertThat(projections.rows(CounterProjections.GROUPS)).containsExactly(
                Map.entry("a", new CounterGroupRow(2, 6, 2L)), Map.entry("b", new CounterGroupRow(1, 7, 1L)));
    }

    @Test
    void givenARegroupKeyThatIsNullForSomeRows_whenRegrouped_thenThoseRowsAreInNoGroup() {
        ProjectionType<CounterGroupRow> odd = ProjectionType.regroup("odd", CounterGroupRow.class,
                CounterProjections.ROWS, row -> row.getValue() % 2 == 1 ? "odd" : null,
                () -> new CounterGroupRow(0, 0, 0L),
                (group, row) -> new CounterGroupRow(group.getMembers() + 1, group.getTotal() + row.getValue(), 0L),
                (group, row) -> group);
        RecomputedProjections projections = new RecomputedProjections(List.of(odd));

        projections.apply("counter", event("a", 1, new Incremented(3)));
        projections.apply("counter", event("b", 1, new Incremented(4)));

        assertThat(projections.rows(odd)).containsExactly(Map.entry("odd", new CounterGroupRow(1, 3, 0L)));
    }

    @Test
    void givenAFoldThatThrowsOnAnEvent_whenFolded_thenTheRowStaysAsItWasAsTheRuntimeDeadLettersIt() {
        ProjectionType<CounterRow> strict = ProjectionType.fold("strict", CounterRow.class, "counter",
                (row, event) -> {
                    if (event.payload() instanceof Noted) {
                        throw new IllegalStateException("no notes here");
                    }
                    int before = row == null ? 0 : row.getValue();
                    return new CounterRow(event.aggregateId(), before + 1, event.version());
                });
        RecomputedProjections projections = new RecomputedProjections(List.of(strict));

        projections.apply("counter", event("a", 1, new Incremented(1)));
        projections.apply("counter", event("a", 2, new Noted("x")));

        assertThat(projections.rows(strict)).containsExactly(Map.entry("a", new CounterRow("a", 1, 1L)));
    }

    @Test
    void givenEventsOfAnotherType_whenApplied_thenNoFoldOfThisTypeChanges() {
        RecomputedProjections projections = new RecomputedProjections(List.of(CounterProjections.ROWS));

        projections.apply("order", event("o-1", 1, new Incremented(2)));

        assertThat(projections.rows(CounterProjections.ROWS)).isEmpty();
    }

    @Test
    void givenAProjectionNeitherAskedForNorBuiltOn_whenItsRowsAreAsked_thenRefused() {
        RecomputedProjections projections = new RecomputedProjections(List.of(CounterProjections.ROWS));

        assertThatThrownBy(() -> projections.rows(CounterProjections.GROUPS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter-groups");
    }

    @Test
    void givenAJoinOfFoldsOverTwoTypes_whenItsAggregateTypesAreAsked_thenBothThroughItsSides() {
        ProjectionType<CounterRow> others = ProjectionType.fold("others", CounterRow.class, "other",
                (row, event) -> row);
        ProjectionType<CounterWithBaseRow> joined = ProjectionType.join("joined", CounterWithBaseRow.class,
                CounterProjections.ROWS, others, row -> "x", (row, other) -> null);

        assertThat(joined.aggregateTypes()).containsExactly("counter", "other");
        assertThat(CounterProjections.GROUPS.aggregateTypes()).containsExactly("counter");
    }
}
