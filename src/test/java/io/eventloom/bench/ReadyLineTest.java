package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyLineTest {

    @Test
    void givenAReadyLine_whenFormattedAndParsed_thenTheSameFiguresComeBack() {
        ReadyLine line = new ReadyLine(12_345, 1_000_000, 9_876);

        assertThat(ReadyLine.parse(line.format())).contains(line);
    }

    @Test
    void givenALogLineMentioningRunning_whenParsed_thenItIsNoReadyLine() {
        String log = "15:48:40.834 INFO  [main] o.a.k.s.KafkaStreams - State transition from REBALANCING to RUNNING";

        assertThat(ReadyLine.parse(log)).isEmpty();
    }
}
