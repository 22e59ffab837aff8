package io.eventloom.app;

import io.eventloom.registry.Compatibility;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry client that sets each subject's compatibility level before the app first registers a schema under it,
 * so that even a subject's first version is held to the level. A registry that refuses (401, 403) is left at the
 * level it has, with a warning, and registering goes on.
 */
final class LevelSettingRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(LevelSettingRegistryClient.class);

    private final SchemaRegistryClient registry;
    private final String registryUrl;
    private final CompatibilityLevels levels;
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    LevelSettingRegistryClient(SchemaRegistryClient registry, String registryUrl, CompatibilityLevels levels) {
        this.registry = registry;
        this.registryUrl = registryUrl;
        this.levels = levels;
    }

    /** Sets the subject's level now, unless it was set (or refused) before in this process. */
    void settle(String subject, Schema schema) {
        if (settled.contains(subject)) {
            return;
        }
        Compatibility level = levels.levelFor(subject, schema);
        try {
            registry.setCompatibility(subject, level);
            log.debug("Compatibility of {} set to {}", subject, level);
        } catch (SchemaRegistryException e) {
            if (!e.isAccessDenied()) {
                throw e;
            }
            log.warn("The schema registry at {} refused to set the compatibility of {} to {} ({}); it keeps the level"
                    + " it has. Set it there by hand (PUT /config/{}), or give the app's registry credentials the"
                    + " right to change a subject's config.", registryUrl, subject, level, e.getMessage(), subject);
        }
        settled.add(subject);
    }

    @Override
    public int register(String subject, Schema schema) {
        settle(subject, schema);
        return registry.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return registry.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return registry.schemaById(id);
    }

    @Override
    public OptionalInt versionOf(String subject, int schemaId) {
        return registry.versionOf(subject, schemaId);
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        registry.setCompatibility(subject, level);
    }

    @Override
    public List<String> compatibilityProblems(String subject, Schema schema) {
        return registry.compatibilityProblems(subject, schema);
    }
}
