package io.eventloom.cli;

import io.eventloom.app.EventloomConfig;
import io.eventloom.app.TopicPlan;
import io.eventloom.core.Domain;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.shop.Shop;

/**
 * What an operator command reaches, from the app's own configuration (properties file and {@code EVENTLOOM_*}
 * variables): Kafka with its client settings (SASL/TLS included), the schema registry with its credentials, the
 * topics of the namespace and the domain.
 */
public record CliContext(EventloomConfig config, KafkaClientSettings kafka, SchemaRegistryClient registry,
                         String registryUrl, TopicNames topics, Domain domain) {

    /** Kafka's address when none is configured: the embedded broker's client port on this machine. */
    public static CliContext of(EventloomConfig config) {
        String bootstrap = config.get(EventloomConfig.BOOTSTRAP_SERVERS)
                .orElse("localhost:" + config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT));
        String registryUrl = config.get(EventloomConfig.SCHEMA_REGISTRY_URL)
                .orElse("http://localhost:" + config.intValue(EventloomConfig.SCHEMA_REGISTRY_PORT));
        return new CliContext(config, config.kafkaClients(bootstrap),
                new HttpSchemaRegistryClient(registryUrl, config.schemaRegistryAuthorization()), registryUrl,
                TopicPlan.topicNames(config), Shop.domain(config.duration(EventloomConfig.SAGA_STEP_TIMEOUT)));
    }
}
