package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.core.AggregateTopics;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.Topic;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.shop.customer.ContactEmailChanged;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderState;
import io.eventloom.shop.order.OrderStatus;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.projection.ProductCatalog;
import io.eventloom.shop.projection.ProductCatalogRow;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.eventloom.shop.TestMoney.eur;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventloom audit} finds differences planted on purpose, as real corruption would leave them: an event
 * appended to the log past the command processor (the state store is behind its events), projection rows restored
 * from a changelog someone wrote into (a row with other stock, and a row no events make), and a record in an events
 * topic that is no event. Each test audits the type it planted in.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AuditPlantedDifferencesTest {

    private static final String NAMESPACE = "cli-audit-planted";

    @TempDir
    static Path dir;

    private static TestBroker broker;
    private static CliShop shop;

    @BeforeAll
    static void start(TestBroker testBroker) throws Exception {
        broker = testBroker;
        shop = CliShop.start(broker, NAMESPACE, dir);
        shop.accept("product", "mug", new CreateProduct("MUG-1", "Mug", eur(1250), 10, null));
        shop.accept("product", "lamp", new CreateProduct("LAMP-1", "Lamp", eur(4000), 5, null));
        shop.accept("customer", "ada", new RegisterCustomer("Ada Lovelace", "ada@example.com"));
        shop.accept("order", "o-1", new PlaceOrder("ada", List.of(new OrderLine("mug", 2, eur(1250))), "web"));
        shop.awaitState("order", "o-1", OrderState.class, state -> state.getStatus() == OrderStatus.CONFIRMED);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void givenAnEventAppendedPastTheCommandProcessor_whenAudited_thenTheStateStoreIsBehindFromThatVersion()
            throws Exception {
        appendEvent("ada", 2, new ContactEmailChanged("eve@example.com"));

        List<JsonNode> found = found(shop.run("audit", "customer", "--output", "json"));
        CliShop.Run text = shop.run("audit", "customer");

        // The projections folded the planted event like any other, so only the store differs. (The order events,
        // read for the order summaries' join, may hold the record another test planted: that is reported too.)
        found.removeIf(difference -> difference.path("source").asText().equals("events"));
        assertThat(found).extracting(JsonNode::toString).containsExactly("{\"source\":\"state\",\"name\":\"customer\","
                + "\"key\":\"ada\",\"kind\":\"different\",\"liveVersion\":1,\"eventsVersion\":2,"
                + "\"firstDifferingVersion\":2,\"fields\":[\"email\"]}");
        assertThat(text.exitCode()).isEqualTo(ExitCodes.FOUND);
        assertThat(text.out()).contains("state customer 'ada': different: store at version 1; events at version 2;"
                + " first differing version 2; fields email\n");
    }

    @Test
    void givenProjectionRowsRestoredFromAChangelogWrittenInto_whenAudited_thenEachIsFoundByKey()
            throws Exception {
        ProductCatalogRow mug = (ProductCatalogRow) shop.app().services().projections()
                .row(ProductCatalog.TYPE.name(), "mug").orElseThrow();
        ProductCatalogRow moreStock = new ProductCatalogRow(mug.getProductId(), mug.getSku(), mug.getName(),
                mug.getPrice(), 999L, mug.getReservedStock(), mug.getStatus(), mug.getVersion(), mug.getCategory());
        ProductCatalogRow ghost = new ProductCatalogRow("ghost", "GHOST-1", "Ghost", eur(1), 1L, 0L,
                mug.getStatus(), 1L, null);
        restartRestoring(ProductCatalog.TYPE.name(), Map.of("mug", moreStock, "ghost", ghost));

        List<JsonNode> found = found(shop.run("audit", "product", "--output", "json", "--settle", "2"));

        long version = mug.getVersion();
        assertThat(found).extracting(JsonNode::toString).containsExactly(
                "{\"source\":\"projection\",\"name\":\"product-catalog\",\"key\":\"ghost\",\"kind\":\"unexpected\","
                        + "\"liveVersion\":1,\"eventsVersion\":null,\"firstDifferingVersion\":1,\"fields\":[]}",
                "{\"source\":\"projection\",\"name\":\"product-catalog\",\"key\":\"mug\",\"kind\":\"different\","
                        + "\"liveVersion\":" + version + ",\"eventsVersion\":" + version + ",\"firstDifferingVersion\":"
                        + version + ",\"fields\":[\"availableStock\"]}");
    }

    @Test
    void givenARecordInTheEventsTopicThatIsNoEvent_whenAudited_thenUnreadableWhereItIs() throws Exception {
        String topic = new TopicNames(NAMESPACE).events("order");
        try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(topic, "o-garbage", "not an event".getBytes(UTF_8))).get();
        }

        List<JsonNode> found = found(shop.run("audit", "order", "--output", "json"));

        assertThat(found).singleElement().satisfies(unreadable -> {
            assertThat(unreadable.path("source").asText()).isEqualTo("events");
            assertThat(unreadable.path("key").asText()).isEqualTo("o-garbage");
            assertThat(unreadable.path("kind").asText()).isEqualTo("unreadable");
            assertThat(unreadable.path("detail").asText()).startsWith(topic + "-").contains("@")
                    .contains("magic byte");
        });
    }

    /** The differences an audit that found some printed as JSON. */
    private static List<JsonNode> found(CliShop.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FOUND);
        List<JsonNode> differences = new ArrayList<>();
        new ObjectMapper().readTree(run.out()).path("differences").forEach(differences::add);
        return differences;
    }

    // As a producer that skipped the command processor writes it: the next version, serialized as the runtime does.
    private static void appendEvent(String customer, long version, SpecificRecord payload) throws Exception {
        AvroSerdes serdes = lookingUp();
        Topic<String, SpecificRecord> events = AggregateTopics.of(CustomerAggregate.TYPE, new TopicNames(NAMESPACE),
                serdes, serdes).events();
        StoredEvent event = new StoredEvent("planted-" + version, customer, version, Instant.now(), "planted",
                "planted", Optional.empty(), payload);
        try (KafkaProducer<String, SpecificRecord> producer = KafkaTestClients.producer(broker.bootstrapServers(),
                events, Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            producer.send(new ProducerRecord<>(events.name(), customer,
                    CustomerAggregate.TYPE.codec().writeEvent(event))).get();
        }
    }

    /**
     * Stops the app, writes the rows into the projection store's changelog, and starts the app again on a local
     * state directory without its stores (the group member id kept beside them stays), so it restores them all from
     * the changelogs, the written rows last. The rows are serialized while the app's registry still runs.
     */
    private static void restartRestoring(String projection, Map<String, ProductCatalogRow> rows) throws Exception {
        String changelog = NAMESPACE + "-" + projection + "-changelog";
        AvroSerdes serdes = lookingUp();
        Map<String, byte[]> values = new HashMap<>();
        rows.forEach((key, row) -> values.put(key,
                serdes.specificValue(ProductCatalogRow.class).serializer().serialize(changelog, row)));
        shop.close();
        Utils.delete(dir.resolve("state").resolve(NAMESPACE).toFile());
        try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
            for (Map.Entry<String, byte[]> value : values.entrySet()) {
                // Keyed like the events, so the default partitioner puts each row in its product's partition.
                producer.send(new ProducerRecord<>(changelog, value.getKey(), value.getValue())).get();
            }
        }
        shop = CliShop.start(broker, NAMESPACE, dir);
    }

    private static KafkaProducer<String, byte[]> bytesProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    // Registering takes the admin's token; the runtime registered these schemas already, so a lookup finds them.
    private static AvroSerdes lookingUp() {
        return new AvroSerdes(new HttpSchemaRegistryClient(shop.app().schemaRegistryUrl()), AvroSerdeConfig.defaults());
    }
}
