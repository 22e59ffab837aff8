package io.eventloom.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.DeadLetterHandler;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** The {@code --output json} documents of the {@code dlq} commands. */
final class DeadLetterJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode ids(Collection<DeadLetter> letters) {
        ArrayNode ids = MAPPER.createArrayNode();
        letters.forEach(letter -> ids.add(letter.id().toString()));
        return ids;
    }

    /** The fields a listing shows. */
    static ObjectNode summary(DeadLetter letter) {
        ObjectNode node = object();
        node.put("id", letter.id().toString());
        node.put("sourceTopic", letter.sourceTopic());
        node.put("sourcePartition", letter.header(DeadLetterHandler.SOURCE_PARTITION).orElse(null));
        node.put("sourceOffset", letter.header(DeadLetterHandler.SOURCE_OFFSET).orElse(null));
        node.put("failedAt", letter.header(DeadLetterHandler.FAILED_AT).orElse(null));
        node.put("errorClass", letter.errorClass());
        node.put("errorMessage", letter.errorSummary());
        node.put("key", letter.keyText());
        return node;
    }

    /** Everything: the summary, every header, the whole error and the value. */
    static ObjectNode full(DeadLetter letter, ValueText value) {
        ObjectNode node = summary(letter);
        node.put("errorMessage", letter.header(DeadLetterHandler.ERROR_MESSAGE).orElse(""));
        node.put("stackTrace", letter.header(DeadLetterHandler.ERROR_STACKTRACE).orElse(""));
        ArrayNode headers = node.putArray("headers");
        for (Header header : letter.headers()) {
            headers.addObject().put("key", header.key())
                    .put("value", header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        ObjectNode valueNode = node.putObject("value");
        valueNode.put("format", value.format());
        valueNode.put("text", value.text());
        if (!value.undecodedBecause().isEmpty()) {
            valueNode.put("undecodedBecause", value.undecodedBecause());
        }
        return node;
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values cannot fail to serialize", e);
        }
    }
}
