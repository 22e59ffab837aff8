package io.eventloom.cli.dlq;

import io.eventloom.core.DeadLetterHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterReplayTest {

    @Test
    void givenADeadLetter_whenReplayed_thenItsOwnHeadersGoBackWithoutTheHandlersAndWithWhereItCameFrom() {
        DeadLetter letter = new DeadLetter(new DeadLetterId(1, 7), bytes("c-1"), bytes("value"), List.of(
                header("traceparent", "00-abc-def-01"),
                header(DeadLetterHandler.ERROR_CLASS, "org.apache.kafka.common.errors.SerializationException"),
                header(DeadLetterHandler.ERROR_MESSAGE, "schema 42 not found"),
                header(DeadLetterHandler.ERROR_STACKTRACE, "at ..."),
                header(DeadLetterHandler.SOURCE_TOPIC, "shop.order.commands"),
                header(DeadLetterHandler.SOURCE_PARTITION, "0"),
                header(DeadLetterHandler.SOURCE_OFFSET, "12"),
                header(DeadLetterHandler.FAILED_AT, "2026-01-01T00:00:00Z"),
                header(DeadLetterReplay.REPLAYED_FROM, "0@3")));

        ProducerRecord<byte[], byte[]> record = DeadLetterReplay.record(letter);

        assertThat(record.topic()).isEqualTo("shop.order.commands");
        assertThat(record.partition()).isNull();
        assertThat(record.key()).isEqualTo(bytes("c-1"));
        assertThat(record.value()).isEqualTo(bytes("value"));
        assertThat(Arrays.stream(record.headers().toArray()).map(h -> h.key() + "=" + text(h)))
                .containsExactly("traceparent=00-abc-def-01", DeadLetterReplay.REPLAYED_FROM + "=1@7");
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
