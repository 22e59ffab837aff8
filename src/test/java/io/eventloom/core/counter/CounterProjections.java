package io.eventloom.core.counter;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;

import java.util.List;

/**
 * The runtime's test projections over counters: each counter's value; each counter joined with the counter
 * {@code base}; and counters regrouped by the prefix of their id ({@code a-1} is in group {@code a}).
 */
public final class CounterProjections {

    public static final String BASE = "base";

    public static final ProjectionType<CounterRow> ROWS = ProjectionType.fold("counter-rows", CounterRow.class,
            "counter", CounterProjections::fold);
    public static final ProjectionType<CounterWithBaseRow> WITH_BASE = ProjectionType.join("counter-with-base",
            CounterWithBaseRow.class, ROWS, ROWS, row -> BASE, (row, base) -> new CounterWithBaseRow(
                    row.getCounterId(), row.getValue(), base == null ? null : base.getValue(), row.getVersion()));
    public static final ProjectionType<CounterGroupRow> GROUPS = ProjectionType.regroup("counter-groups",
            CounterGroupRow.class, ROWS, row -> row.getCounterId().split("-")[0], () -> new CounterGroupRow(0, 0, 0L),
            (group, row) -> new CounterGroupRow(group.getMembers() + 1, group.getTotal() + row.getValue(),
                    Math.max(group.getVersion(), row.getVersion())),
            (group, row) -> new CounterGroupRow(group.getMembers() - 1, group.getTotal() - row.getValue(),
                    group.getVersion()));

    public static final List<ProjectionType<?>> ALL = List.of(ROWS, WITH_BASE, GROUPS);

    private CounterProjections() {
    }

    private static CounterRow fold(CounterRow row, StoredEvent event) {
        int value = row == null ? 0 : row.getValue();
        if (event.payload() instanceof Incremented incremented) {
            value += incremented.getAmount();
        }
        return new CounterRow(event.aggregateId(), value, event.version());
    }
}
