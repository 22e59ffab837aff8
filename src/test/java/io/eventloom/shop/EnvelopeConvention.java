package io.eventloom.shop;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts the envelope convention that {@link io.eventloom.core.AggregateType} documents and the runtime relies on. */
public final class EnvelopeConvention {

    private static final List<String> COMMAND_FIELDS = List.of("commandId", "aggregateId", "expectedVersion",
            "issuedAt", "correlationId", "causationId", "metadata", "payload");
    private static final List<String> EVENT_FIELDS = List.of("eventId", "aggregateId", "version", "occurredAt",
            "commandId", "correlationId", "causationId", "payload");

    private EnvelopeConvention() {
    }

    public static void assertCommandEnvelope(Schema envelope, List<String> payloadRecords) {
        assertThat(fieldNames(envelope)).containsExactlyElementsOf(COMMAND_FIELDS);
        assertNullable(envelope.getField("expectedVersion"), Schema.Type.LONG);
        assertTimestampMillis(envelope.getField("issuedAt"));
        assertNullable(envelope.getField("causationId"), Schema.Type.STRING);
        assertThat(envelope.getField("metadata").schema().getValueType().getType()).isEqualTo(Schema.Type.STRING);
        assertPayload(envelope, payloadRecords);
    }

    public static void assertEventEnvelope(Schema envelope, List<String> payloadRecords) {
        assertThat(fieldNames(envelope)).containsExactlyElementsOf(EVENT_FIELDS);
        assertThat(envelope.getField("version").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertTimestampMillis(envelope.getField("occurredAt"));
        assertNullable(envelope.getField("causationId"), Schema.Type.STRING);
        assertPayload(envelope, payloadRecords);
    }

    private static List<String> fieldNames(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).toList();
    }

    private static void assertNullable(Schema.Field field, Schema.Type type) {
        assertThat(field.schema().getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, type);
        assertThat(field.defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
    }

    private static void assertTimestampMillis(Schema.Field field) {
        assertThat(field.schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    }

    // Union branch order is part of the binary encoding: new records may only be appended.
    private static void assertPayload(Schema envelope, List<String> payloadRecords) {
        assertThat(envelope.getField("payload").schema().getTypes()).extracting(Schema::getName)
                .containsExactlyElementsOf(payloadRecords);
    }
}
