package io.eventloom.cli.dlq;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeadLetterIdTest {

    @Test
    void givenAnIdAsListPrintsIt_whenParsed_thenTheSameId() {
        assertThat(DeadLetterId.parse("2@40")).isEqualTo(new DeadLetterId(2, 40));
        assertThat(new DeadLetterId(2, 40)).hasToString("2@40");
    }

    @Test
    void givenMalformedIds_whenParsed_thenRefused() {
        assertThat(List.of("2", "@4", "2@", "a@1", "1@b")).allSatisfy(text ->
                assertThatIllegalArgumentException().isThrownBy(() -> DeadLetterId.parse(text)));
    }
}
