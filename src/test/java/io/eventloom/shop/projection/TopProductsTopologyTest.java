package io.eventloom.shop.projection;

import io.eventloom.core.AggregateTopics;
import io.eventloom.core.IncomingCommand;
import io.eventloom.core.TopicNames;
import io.eventloom.core.TopologySettings;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.Shop;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductAggregate;
import io.eventloom.shop.product.ReleaseStock;
import io.eventloom.shop.product.ReserveStock;
import io.eventloom.shop.product.SettleReservation;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static io.eventloom.shop.TestMoney.eur;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * top-products on the test driver, through Kafka Streams' own regroup: a product whose units change moves to its new
 * rank key and its old key is deleted (the subtractor's null becomes a delete), and a product with no units ordered
 * has no key at all (its null rank key is dropped).
 */
class TopProductsTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("top");

    @TempDir
    Path stateDir;

    private final AvroSerdes serdes = TestSerdes.inMemory();
    private final AtomicInteger commands = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> productCommands;

    @BeforeEach
    void startDriver() {
        driver = TestDrivers.start("top-test", Shop.domain(), TopologySettings.of(TOPICS, 1), serdes, stateDir);
        productCommands = TestDrivers.input(driver, AggregateTopics.of(ProductAggregate.TYPE, TOPICS, serdes, serdes)
                .commands());
        for (String product : List.of("mug", "tea", "pot")) {
            send(product, new CreateProduct(product.toUpperCase(), product, eur(100), 100, null));
        }
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenProductsCreated_whenNothingOrdered_thenNoneIsRanked() {
        assertThat(ranked()).isEmpty();
    }

    @Test
    void givenReservations_thenBestSellersComeFirstAndProductsWithoutUnitsAreLeftOut() {
        send("mug", new ReserveStock("o-1", 3, null));
        send("tea", new ReserveStock("o-2", 5, null));

        assertThat(ranked()).containsExactly(
                KeyValue.pair(TopProducts.key(5, "tea"), new ProductSalesRow("tea", "TEA", 5L, 2L)),
                KeyValue.pair(TopProducts.key(3, "mug"), new ProductSalesRow("mug", "MUG", 3L, 2L)));
    }

    @Test
    void givenRankedProduct_whenItSellsMore_thenItMovesToItsNewRankAndItsOldKeyIsGone() {
        send("mug", new ReserveStock("o-1", 3, null));
        send("tea", new ReserveStock("o-2", 5, null));

        send("mug", new ReserveStock("o-3", 4, null));

        assertThat(ranked()).extracting(row -> row.key)
                .containsExactly(TopProducts.key(7, "mug"), TopProducts.key(5, "tea"));
    }

    @Test
    void givenRankedProduct_whenSettledThenReleasedToNoUnits_thenSettlingKeepsItsRankAndReleasingTheLastUnitsUnranksIt() {
        send("mug", new ReserveStock("o-1", 3, null));
        send("tea", new ReserveStock("o-2", 5, null));

        send("mug", new SettleReservation("o-1"));
        send("tea", new ReleaseStock("o-2"));

        assertThat(ranked()).containsExactly(
                KeyValue.pair(TopProducts.key(3, "mug"), new ProductSalesRow("mug", "MUG", 3L, 3L)));
    }

    private List<KeyValue<String, ProductSalesRow>> ranked() {
        KeyValueStore<String, ProductSalesRow> store = driver.getKeyValueStore("top-products");
        List<KeyValue<String, ProductSalesRow>> rows = new ArrayList<>();
        try (KeyValueIterator<String, ProductSalesRow> all = store.all()) {
            all.forEachRemaining(rows::add);
        }
        return rows;
    }

    private void send(String productId, SpecificRecord payload) {
        productCommands.pipeInput(productId, ProductAggregate.TYPE.codec().writeCommand(new IncomingCommand(
                "command-" + commands.incrementAndGet(), productId, OptionalLong.empty(), Instant.now(), productId,
                Optional.empty(), Map.of(), payload)));
    }
}
