package io.eventloom.registry;

import org.apache.avro.Schema;

/** One version of a subject and the schema it holds, as a compatibility check compares a new schema with. */
public record SchemaVersion(int version, Schema schema) {
}
