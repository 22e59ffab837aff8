package io.eventloom.core.counter;

import io.eventloom.core.AggregateType;

/** The counter's registration, as a domain module would declare it. */
public final class CounterAggregate {

    public static final AggregateType<CounterState> TYPE = new AggregateType<>("counter", new CounterDecider(),
            CounterCommandEnvelope.class, CounterEventEnvelope.class, CounterState.class);

    private CounterAggregate() {
    }
}
