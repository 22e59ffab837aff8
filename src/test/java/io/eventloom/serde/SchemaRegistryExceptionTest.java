package io.eventloom.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaRegistryExceptionTest {

    @Test
    void givenAnswers_whenAskedWhetherTheRegistryIsAway_thenOnlyFaultsThatWaitingMendsAreOutages() {
        assertThat(error(SchemaRegistryException.UNREACHABLE).isOutage()).isTrue();
        assertThat(error(503).isOutage()).isTrue();
        assertThat(error(50001).isOutage()).isTrue();
        assertThat(error(429).isOutage()).isTrue();
        // Transient for a record (an operator fixes the credentials), yet no retry of a start mends them.
        assertThat(error(401).isTransient()).isTrue();
        assertThat(error(401).isOutage()).isFalse();
        assertThat(error(40301).isOutage()).isFalse();
        assertThat(error(42201).isOutage()).isFalse();
        assertThat(error(SchemaRegistryException.SUBJECT_NOT_FOUND).isOutage()).isFalse();
    }

    private static SchemaRegistryException error(int code) {
        return new SchemaRegistryException(code, "answer " + code);
    }
}
