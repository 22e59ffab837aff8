package io.eventloom.serde;

import org.apache.kafka.common.config.ConfigException;

import java.util.Map;

/** The Confluent serde settings Eventloom's serdes understand, read from a Kafka client or Streams config map. */
record SerdeSettings(SchemaRegistryClient client, AvroSerdeConfig config, boolean specificReader) {

    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    static SerdeSettings from(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(
                    SCHEMA_REGISTRY_URL + " must be set for an Avro serde configured from properties");
        }
        AvroSerdeConfig config = AvroSerdeConfig.defaults()
                .withAutoRegister(booleanValue(configs, AUTO_REGISTER_SCHEMAS, false));
        Object strategy = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        if (strategy != null) {
            // Confluent accepts the strategy as a Class as well as a class name.
            String name = strategy instanceof Class<?> type ? type.getName() : strategy.toString();
            config = config.withSubjectNameStrategy(SubjectNameStrategy.parse(name));
        }
        return new SerdeSettings(new HttpSchemaRegistryClient(url.toString()), config,
                booleanValue(configs, SPECIFIC_AVRO_READER, false));
    }

    private static boolean booleanValue(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "must be true or false");
    }
}
