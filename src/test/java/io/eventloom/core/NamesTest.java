package io.eventloom.core;

import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterDecider;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterRow;
import io.eventloom.core.counter.CounterState;
import io.eventloom.core.counter.EchoProcess;
import io.eventloom.core.counter.EchoState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Aggregate types, processes and projections share one name pattern: their topics and stores are named after them. */
class NamesTest {

    @Test
    void givenUpperCaseAggregateTypeName_whenDeclared_thenRefusedNamingThePattern() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AggregateType<>("Counter", new CounterDecider(),
                        CounterCommandEnvelope.class, CounterEventEnvelope.class, CounterState.class))
                .withMessage("aggregate type name must match [a-z][a-z0-9-]*, was 'Counter'");
    }

    @Test
    void givenNameWithDot_whenProcessDeclared_thenRefusedNamingThePattern() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProcessType<>("echo.v2", new EchoProcess(),
                        EchoState.class, "counter", List.of("counter"), List.of(), List.of("counter")))
                .withMessage("process name must match [a-z][a-z0-9-]*, was 'echo.v2'");
    }

    @Test
    void givenNameStartingWithDigit_whenProjectionDeclared_thenRefusedNamingThePattern() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProjectionType.fold("1-rows", CounterRow.class,
                        "counter", (row, event) -> row))
                .withMessage("projection name must match [a-z][a-z0-9-]*, was '1-rows'");
    }
}
