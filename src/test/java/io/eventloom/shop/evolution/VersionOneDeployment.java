package io.eventloom.shop.evolution;

import io.eventloom.app.TopicPlan;
import io.eventloom.core.AggregateStores;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.shop.Shop;
import io.eventloom.testing.KeyPartitions;
import io.eventloom.shop.evolution.VersionOneRecords.Fixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Leaves on a cluster what version 1 of the shop left there, from the committed bytes of {@link VersionOneRecords}:
 * its schemas in the registry (on the registry's default topic, which the app's embedded registry reads), its
 * topics, and for each command what its command processor wrote in that command's transaction: the events on the
 * events topic, the same bytes in the history store's changelog, the new snapshot in the state store's changelog.
 * The events topic alone would not do: the runtime only writes it, it keeps an aggregate's state and history in
 * its own stores, which a new instance restores from their changelogs, never from the events.
 */
final class VersionOneDeployment {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final TopicNames topics;
    private final String applicationId;
    private final int partitions;

    VersionOneDeployment(String bootstrapServers, String namespace, String applicationId, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new TopicNames(namespace);
        this.applicationId = applicationId;
        this.partitions = partitions;
    }

    /** Registers, creates and writes what version 1 left; call it before today's app starts on the namespace. */
    void leaveItsRecords() throws ExecutionException, InterruptedException {
        createTopics();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records(registerSchemas())) {
                producer.send(record).get();
            }
        }
    }

    /** The v1 schemas under the subjects version 1 wrote with, and the ids the registry gave them by schema. */
    private Map<String, Integer> registerSchemas() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrapServers, FreePort.find())) {
            SchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
            // The command schemas too: today's app registers its own next to them, so the registry checks those.
            client.register(topics.commands("product") + "-value",
                    VersionOneRecords.released("shop/product/ProductCommandEnvelope"));
            client.register(topics.commands("order") + "-value",
                    VersionOneRecords.released("shop/order/OrderCommandEnvelope"));
            client.register(topics.commands("customer") + "-value",
                    VersionOneRecords.released("shop/customer/CustomerCommandEnvelope"));
            return Map.of(
                    VersionOneRecords.CUSTOMER_EVENTS, client.register(topics.events("customer") + "-value",
                            VersionOneRecords.released(VersionOneRecords.CUSTOMER_EVENTS)),
                    VersionOneRecords.CUSTOMER_STATE, client.register(stateChangelog("customer") + "-value",
                            VersionOneRecords.released(VersionOneRecords.CUSTOMER_STATE)),
                    VersionOneRecords.PRODUCT_EVENTS, client.register(topics.events("product") + "-value",
                            VersionOneRecords.released(VersionOneRecords.PRODUCT_EVENTS)),
                    VersionOneRecords.ORDER_EVENTS, client.register(topics.events("order") + "-value",
                            VersionOneRecords.released(VersionOneRecords.ORDER_EVENTS)),
                    VersionOneRecords.PRODUCT_STATE, client.register(stateChangelog("product") + "-value",
                            VersionOneRecords.released(VersionOneRecords.PRODUCT_STATE)),
                    VersionOneRecords.ORDER_STATE, client.register(stateChangelog("order") + "-value",
                            VersionOneRecords.released(VersionOneRecords.ORDER_STATE)));
        }
    }

    // The app's own topics as version 1 created them, and the two stores' changelogs as Kafka Streams makes them.
    private void createTopics() throws ExecutionException, InterruptedException {
        try (Admin admin = KafkaTestClients.admin(bootstrapServers)) {
            new TopicSetup(admin, TIMEOUT).ensure(TopicPlan.specs(topics, Shop.domain(), partitions,
                    Optional.empty()));
            List<NewTopic> changelogs = new ArrayList<>();
            for (String type : List.of("customer", "product", "order")) {
                for (String changelog : List.of(stateChangelog(type), historyChangelog(type))) {
                    changelogs.add(new NewTopic(changelog, Optional.of(partitions), Optional.empty())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            admin.createTopics(changelogs).all().get();
        }
    }

    private List<ProducerRecord<String, byte[]>> records(Map<String, Integer> schemaIds) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Fixture event : VersionOneRecords.events()) {
            String type = typeOf(event);
            byte[] value = event.framedWith(schemaIds.get(event.schemaPath()));
            int partition = partitionOf(event.aggregateId());
            records.add(new ProducerRecord<>(topics.events(type), partition, event.aggregateId(), value));
            records.add(new ProducerRecord<>(historyChangelog(type), partition,
                    AggregateStores.historyKey(event.aggregateId(), event.version()), value));
        }
        for (Fixture state : VersionOneRecords.states()) {
            byte[] framed = state.framedWith(schemaIds.get(state.schemaPath()));
            // A snapshot is stored as its version (8 bytes, big-endian) before the framed state.
            byte[] value = ByteBuffer.allocate(Long.BYTES + framed.length).putLong(state.version()).put(framed).array();
            records.add(new ProducerRecord<>(stateChangelog(typeOf(state)), partitionOf(state.aggregateId()),
                    state.aggregateId(), value));
        }
        return records;
    }

    // Kafka's default partitioner: where the aggregate's commands go, so the task whose stores hold it.
    private int partitionOf(String aggregateId) {
        return KeyPartitions.of(aggregateId, partitions);
    }

    // Each fixture's schema lives under its aggregate type: shop/<type>/...
    private static String typeOf(Fixture fixture) {
        return fixture.schemaPath().split("/")[1];
    }

    // Kafka Streams names a store's changelog <application id>-<store>-changelog.
    private String stateChangelog(String type) {
        return applicationId + "-" + AggregateStores.of(type).state() + "-changelog";
    }

    private String historyChangelog(String type) {
        return applicationId + "-" + AggregateStores.of(type).history() + "-changelog";
    }
}
