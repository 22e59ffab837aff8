package io.eventloom.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.avro.Schema;

import java.util.List;

/** The body of a register, look-up or compatibility request, as Confluent clients send it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SchemaRequest(String schema, String schemaType, List<Object> references) {

    /** Parses the schema as Avro; anything else (another type, references, not Avro) is refused with 42201. */
    Schema parse() {
        if (schemaType != null && !schemaType.equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema("schema type " + schemaType
                    + " is not supported by this registry; it holds AVRO schemas only");
        }
        if (references != null && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry");
        }
        if (schema == null || schema.isBlank()) {
            throw RegistryException.invalidSchema("the request has no schema");
        }
        return AvroSchemas.parse(schema);
    }
}
