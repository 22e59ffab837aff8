package io.eventloom.serde;

import org.apache.avro.Schema;

import java.util.OptionalInt;

/** What the Avro serdes need from a Confluent-compatible schema registry. */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (a no-op when already there) and returns its global id. */
    int register(String subject, Schema schema);

    /**
     * Returns the global id of a schema already registered under the subject.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or
     *                                 {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when it is not
     */
    int idOf(String subject, Schema schema);

    /**
     * Returns the schema with the given global id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when there is none
     */
    Schema schemaById(int id);

    /**
     * The version under which {@code subject} holds the schema with global id {@code schemaId}; empty when the
     * subject does not hold it.
     */
    OptionalInt versionOf(String subject, int schemaId);
}
