package io.eventloom.app;

import io.eventloom.serde.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schemas of every public topic at start, so that a client written against the registry
 * alone, in any language, finds the latest command schema under its subject before Eventloom wrote anything.
 */
final class PublicSchemas {

    private static final Logger log = LoggerFactory.getLogger(PublicSchemas.class);

    private PublicSchemas() {
    }

    static void register(DomainSchemas schemas, SchemaRegistryClient registry) {
        for (DomainSchemas.Subject subject : schemas.publicSubjects()) {
            int id = registry.register(subject.name(), subject.schema());
            log.debug("Schema {} registered under {} as id {}", subject.schema().getFullName(), subject.name(), id);
        }
    }
}
