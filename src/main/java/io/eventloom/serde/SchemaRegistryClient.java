package io.eventloom.serde;

import io.eventloom.registry.Compatibility;
import org.apache.avro.Schema;

import java.util.List;
import java.util.OptionalInt;

/**
 * What Eventloom needs from a Confluent-compatible schema registry: the serdes' registrations and lookups, and the
 * levels and checks that govern how a subject's schema may evolve.
 */
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

    /** Sets the subject's own compatibility level ({@code PUT /config/{subject}}); a subject need not exist yet. */
    void setCompatibility(String subject, Compatibility level);

    /**
     * Why the schema may not follow the subject's versions at the level the registry holds for it, in the
     * registry's words ({@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}); empty when it
     * may.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} from registries that
     *                                 answer so for a subject without versions (others call the schema compatible)
     */
    List<String> compatibilityProblems(String subject, Schema schema);
}
