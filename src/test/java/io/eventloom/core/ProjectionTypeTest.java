package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.CounterState;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestSerdes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Projections that cannot work are refused when declared or when the topology is built, not while running. */
class ProjectionTypeTest {

    private static final AvroSerdes SERDES = TestSerdes.inMemory();

    @Test
    void givenRowWithoutVersion_whenDeclared_thenRefused() {
        assertThatThrownBy(() -> ProjectionType.fold("counter-state", CounterState.class, "counter",
                (row, event) -> row))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'version'");
    }

    @Test
    void givenFoldOfUnknownAggregateType_whenTopologyBuilt_thenRefusedNamingIt() {
        ProjectionType<CounterRow> rows = ProjectionType.fold("rows", CounterRow.class, "nope", (row, event) -> row);

        assertThatThrownBy(() -> topology(new Domain(List.of(CounterAggregate.TYPE), List.of(), List.of(rows))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void givenJoinOfUnregisteredProjection_whenTopologyBuilt_thenRefusedNamingIt() {
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(),
                List.of(CounterProjections.WITH_BASE));

        assertThatThrownBy(() -> topology(domain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(CounterProjections.ROWS.name());
    }

    private static void topology(Domain domain) {
        EventloomRuntime.topology(domain, TopologySettings.of(new TopicNames("test"), 1), SERDES, SERDES);
    }
}
