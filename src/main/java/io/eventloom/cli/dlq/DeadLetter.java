package io.eventloom.cli.dlq;

import io.eventloom.core.DeadLetterHandler;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** One record of the dead-letter topic as {@link DeadLetterHandler} wrote it: the poison record and why it failed. */
public record DeadLetter(DeadLetterId id, byte[] key, byte[] value, List<Header> headers) {

    public DeadLetter {
        headers = List.copyOf(headers);
    }

    /** The last header of that name, as text. */
    public Optional<String> header(String name) {
        Optional<String> found = Optional.empty();
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                found = Optional.of(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    public String sourceTopic() {
        return header(DeadLetterHandler.SOURCE_TOPIC).orElse("");
    }

    /** Where the poison record was read: {@code topic-partition@offset}. */
    public String source() {
        return sourceTopic() + "-" + header(DeadLetterHandler.SOURCE_PARTITION).orElse("?") + "@"
                + header(DeadLetterHandler.SOURCE_OFFSET).orElse("?");
    }

    public String errorClass() {
        return header(DeadLetterHandler.ERROR_CLASS).orElse("");
    }

    /** The error message's first line: enough for a listing. */
    public String errorSummary() {
        String message = header(DeadLetterHandler.ERROR_MESSAGE).orElse("");
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The key as text; keys are strings (aggregate ids) everywhere in Eventloom. */
    public String keyText() {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    /** True when the handler left the value out because it would not fit the log with the error headers. */
    public boolean valueOmitted() {
        return header(DeadLetterHandler.VALUE_OMITTED).isPresent();
    }
}
