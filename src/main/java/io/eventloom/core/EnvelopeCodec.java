package io.eventloom.core;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and writes one aggregate type's Avro envelopes by field name, so the runtime needs no per-type code.
 * The envelope schemas are checked against the {@link EnvelopeConvention} once, when the type is declared.
 */
public final class EnvelopeCodec {

    private final Class<? extends SpecificRecord> commandClass;
    private final Class<? extends SpecificRecord> eventClass;
    private final Schema commandSchema;
    private final Schema eventSchema;
    private final Upcasters upcasters;

    private EnvelopeCodec(String typeName, Class<? extends SpecificRecord> commandClass,
                          Class<? extends SpecificRecord> eventClass, List<Upcaster<?>> upcasters) {
        this.commandClass = commandClass;
        this.eventClass = eventClass;
        this.commandSchema = SpecificData.get().getSchema(commandClass);
        this.eventSchema = SpecificData.get().getSchema(eventClass);
        List<String> problems = new ArrayList<>(EnvelopeConvention.COMMAND.problems(commandSchema));
        problems.addAll(EnvelopeConvention.EVENT.problems(eventSchema));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("aggregate type " + typeName + " breaks the envelope convention: "
                    + String.join("; ", problems));
        }
        this.upcasters = Upcasters.of(typeName, eventSchema, upcasters);
    }

    /**
     * The codec of one aggregate type's envelopes; {@link AggregateType} builds it, once.
     *
     * @throws IllegalArgumentException naming every field that breaks the {@link EnvelopeConvention}, or an
     *                                  upcaster of a type that is not one of the type's events
     */
    static EnvelopeCodec of(String typeName, Class<? extends SpecificRecord> commandClass,
                            Class<? extends SpecificRecord> eventClass, List<Upcaster<?>> upcasters) {
        return new EnvelopeCodec(typeName, commandClass, eventClass, upcasters);
    }

    /** The record schemas a command envelope's payload may hold: the type's commands. */
    public List<Schema> commandPayloadTypes() {
        return commandSchema.getField("payload").schema().getTypes();
    }

    public IncomingCommand readCommand(SpecificRecord envelope) {
        Object expected = get(envelope, "expectedVersion");
        return new IncomingCommand(
                text(envelope, "commandId"),
                text(envelope, "aggregateId"),
                expected == null ? OptionalLong.empty() : OptionalLong.of((Long) expected),
                (Instant) get(envelope, "issuedAt"),
                text(envelope, "correlationId"),
                Optional.ofNullable(get(envelope, "causationId")).map(Object::toString),
                metadata(envelope),
                (SpecificRecord) get(envelope, "payload"));
    }

    public SpecificRecord writeCommand(IncomingCommand command) {
        SpecificRecord envelope = newRecord(commandClass);
        put(envelope, "commandId", command.commandId());
        put(envelope, "aggregateId", command.aggregateId());
        put(envelope, "expectedVersion", command.expectedVersion().isPresent()
                ? command.expectedVersion().getAsLong() : null);
        put(envelope, "issuedAt", command.issuedAt());
        put(envelope, "correlationId", command.correlationId());
        put(envelope, "causationId", command.causationId().orElse(null));
        put(envelope, "metadata", new LinkedHashMap<>(command.metadata()));
        put(envelope, "payload", command.payload());
        return envelope;
    }

    /** @throws IllegalStateException for an event of a retired type: no decider may emit one again */
    public SpecificRecord writeEvent(StoredEvent event) {
        if (upcasters.isRetired(event.payload())) {
            throw new IllegalStateException(event.payload().getClass().getName() + " is retired (it has an"
                    + " upcaster): emit the type it is upcast to instead");
        }
        SpecificRecord envelope = newRecord(eventClass);
        put(envelope, "eventId", event.eventId());
        put(envelope, "aggregateId", event.aggregateId());
        put(envelope, "version", event.version());
        put(envelope, "occurredAt", event.occurredAt());
        put(envelope, "commandId", event.commandId());
        put(envelope, "correlationId", event.correlationId());
        put(envelope, "causationId", event.causationId().orElse(null));
        put(envelope, "payload", event.payload());
        return envelope;
    }

    /** The envelope's event in its current form: a retired type is upcast, so readers meet only current types. */
    public StoredEvent readEvent(SpecificRecord envelope) {
        return new StoredEvent(
                text(envelope, "eventId"),
                text(envelope, "aggregateId"),
                (Long) get(envelope, "version"),
                (Instant) get(envelope, "occurredAt"),
                text(envelope, "commandId"),
                text(envelope, "correlationId"),
                Optional.ofNullable(get(envelope, "causationId")).map(Object::toString),
                upcasters.current((SpecificRecord) get(envelope, "payload")));
    }

    private static Object get(SpecificRecord record, String field) {
        return record.get(record.getSchema().getField(field).pos());
    }

    private static String text(SpecificRecord record, String field) {
        Object value = get(record, field);
        return value == null ? null : value.toString();
    }

    private static Map<String, String> metadata(SpecificRecord envelope) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Object raw = get(envelope, "metadata");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> metadata.put(k.toString(), v == null ? "" : v.toString()));
        }
        return metadata;
    }

    private static void put(SpecificRecord record, String field, Object value) {
        record.put(record.getSchema().getField(field).pos(), value);
    }

    private static SpecificRecord newRecord(Class<? extends SpecificRecord> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | NoSuchMethodException e) {
            throw new IllegalStateException("cannot instantiate Avro class " + type.getName(), e);
        }
    }
}
