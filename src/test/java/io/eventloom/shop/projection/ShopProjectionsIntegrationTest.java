package io.eventloom.shop.projection;

import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Domain;
import io.eventloom.core.ProjectionReader;
import io.eventloom.core.StoreUnavailableException;
import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.Shop;
import io.eventloom.testing.RunningRuntime;
import io.eventloom.shop.customer.ChangeEmail;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderStatus;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import static io.eventloom.shop.TestMoney.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shop's projections on the real broker and registry: a product, a customer and an order that the
 * fulfilment saga approves, reserves and confirms, read back through {@link ProjectionReader}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ShopProjectionsIntegrationTest {

    private static final TopicNames TOPICS = new TopicNames("projections-it");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Domain DOMAIN = Shop.domain();

    @TempDir
    static Path stateDir;

    private static RunningRuntime running;
    private static CommandGateway gateway;
    private static ProjectionReader reader;

    @BeforeAll
    static void start(TestBroker broker) {
        running = RunningRuntime.start(broker, DOMAIN, TOPICS, "projections-it", stateDir);
        gateway = running.gateway();
        reader = new ProjectionReader(running.runtime().streams(), DOMAIN.projections());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void givenOrderConfirmedBySaga_whenCustomerChangesEmail_thenEveryProjectionFollows() throws Exception {
        accept("product", "mug", new CreateProduct("MUG-1", "Mug", eur(1299), 10, null));
        accept("customer", "ada", new RegisterCustomer("Ada Lovelace", "ada@example.com"));
        accept("order", "order-1", new PlaceOrder("ada", List.of(new OrderLine("mug", 2, eur(1299))), "web"));

        OrderSummaryRow confirmed = awaitRow("order-summary", "order-1", OrderSummaryRow.class,
                row -> row.getStatus() == OrderStatus.CONFIRMED && "ada@example.com".equals(row.getCustomerEmail()));
        assertThat(confirmed.getCustomerName()).isEqualTo("Ada Lovelace");
        assertThat(confirmed.getTotal()).isEqualTo(eur(2598));
        assertThat(confirmed.getVersion()).isEqualTo(2);

        ProductCatalogRow mug = awaitRow("product-catalog", "mug", ProductCatalogRow.class,
                row -> row.getReservedStock() == 2);
        assertThat(mug.getAvailableStock()).isEqualTo(8);
        assertThat(mug.getVersion()).isEqualTo(2);

        CustomerOrderHistoryRow history = awaitRow("customer-order-history", "ada", CustomerOrderHistoryRow.class,
                row -> row.getOrders().size() == 1 && row.getOrders().get(0).getStatus() == OrderStatus.CONFIRMED);
        assertThat(history.getOrders().get(0).getOrderId()).isEqualTo("order-1");

        ShopStatsRow stats = awaitRow("shop-stats", ShopStats.KEY, ShopStatsRow.class,
                row -> row.getConfirmed() == 1);
        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getRevenue()).containsExactly(eur(2598));

        ProductSalesRow mugSales = awaitRow("product-sales", "mug", ProductSalesRow.class,
                row -> row.getUnitsOrdered() == 2);
        assertThat(mugSales.getSku()).isEqualTo("MUG-1");
        assertThat(awaitRow("top-products", TopProducts.key(2, "mug"), ProductSalesRow.class, row -> true))
                .isEqualTo(mugSales);

        accept("customer", "ada", new ChangeEmail("ada@analytical.example"));

        OrderSummaryRow changed = awaitRow("order-summary", "order-1", OrderSummaryRow.class,
                row -> "ada@analytical.example".equals(row.getCustomerEmail()));
        assertThat(changed.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(changed.getVersion()).isEqualTo(2);
    }

    @Test
    void givenProductsAcrossPartitions_whenPaging_thenRowsComeInKeyOrderAfterTheGivenKey() throws Exception {
        for (String id : List.of("page-c", "page-a", "page-d", "page-b")) {
            accept("product", id, new CreateProduct(id.toUpperCase(), id, eur(100), 1, null));
        }

        List<String> all = awaitKeys(() -> pageKeys(Optional.of("page-"), 10), keys -> keys.size() == 4);

        assertThat(all).containsExactly("page-a", "page-b", "page-c", "page-d");
        assertThat(pageKeys(Optional.of("page-a"), 2)).containsExactly("page-b", "page-c");
        assertThat(reader.row("product-catalog", "page-none")).isEmpty();
    }

    @Test
    void givenUnknownProjection_whenRead_thenIllegalArgumentNamingTheKnownOnes() {
        assertThat(reader.names()).contains("product-catalog", "order-summary", "customer-order-history",
                "shop-stats", "product-sales", "top-products");
        assertThatThrownBy(() -> reader.row("nope", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("product-catalog");
        assertThatThrownBy(() -> reader.rows("nope", Optional.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> pageKeys(Optional<String> after, int limit) {
        List<String> keys = new ArrayList<>();
        for (KeyValue<String, SpecificRecord> row : reader.rows("product-catalog", after, limit)) {
            if (row.key.startsWith("page-")) {
                keys.add(row.key);
            }
        }
        return keys;
    }

    private static void accept(String type, String id, SpecificRecord command) throws Exception {
        CommandResult result = gateway.send(type, id, command, CommandOptions.defaults(), TIMEOUT).get();
        assertThat(result.getStatus()).as("%s %s: %s", type, id, result.getRejectionMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
    }

    private static <R extends SpecificRecord> R awaitRow(String projection, String key, Class<R> type,
                                                         Predicate<R> condition) {
        return waiting().until(() -> reader.row(projection, key).map(type::cast).orElse(null),
                row -> row != null && condition.test(row));
    }

    private static List<String> awaitKeys(Callable<List<String>> keys,
                                          Predicate<List<String>> condition) {
        return waiting().until(keys, condition::test);
    }

    // A store may be briefly unavailable while the instance rebalances; the condition decides, not the first read.
    private static ConditionFactory waiting() {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(StoreUnavailableException.class);
    }
}
