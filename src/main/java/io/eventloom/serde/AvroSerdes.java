package io.eventloom.serde;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes Avro serdes that share one registry client and one configuration. */
public final class AvroSerdes {

    private final SchemaRegistryClient client;
    private final AvroSerdeConfig config;

    public AvroSerdes(SchemaRegistryClient client, AvroSerdeConfig config) {
        this.client = client;
        this.config = config;
    }

    public <T extends SpecificRecord> Serde<T> specificValue(Class<T> type) {
        return new SpecificAvroSerde<>(client, type, config, false);
    }

    public <T extends SpecificRecord> Serde<T> specificKey(Class<T> type) {
        return new SpecificAvroSerde<>(client, type, config, true);
    }

    public Serde<GenericRecord> genericValue() {
        return new GenericAvroSerde(client, config, false);
    }

    public Serde<GenericRecord> genericKey() {
        return new GenericAvroSerde(client, config, true);
    }

    /** The versions of {@code topic}'s value subject, as these serdes name it. */
    public SchemaVersions valueVersions(String topic) {
        return new SchemaVersions(client, config.subjectNameStrategy(), topic);
    }
}
