package io.eventloom.shop;

import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.core.AggregateReader;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandOptions;
import io.eventloom.core.Snapshot;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.customer.Deactivate;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.CancelOrder;
import io.eventloom.shop.order.DeliverOrder;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderState;
import io.eventloom.shop.order.OrderStatus;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.order.ShipOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductDecider;
import io.eventloom.shop.product.ProductState;
import io.eventloom.shop.projection.OrderSummaryRow;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The shop end to end on the real broker and registry: the stock reservation saga drives every order. */
@ExtendWith(KafkaBrokerExtension.class)
class ShopIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Money PRICE = new Money(1250L, "EUR");

    @TempDir
    static Path dir;

    private static EventloomApp app;
    private static CommandGateway gateway;
    private static AggregateReader reader;
    private static ClassSecurityValidator.ClassSecurityPredicate validatorBeforeStart;

    @BeforeAll
    static void start(TestBroker broker) {
        validatorBeforeStart = ClassSecurityValidator.getGlobal();
        app = EventloomApp.start(EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.APPLICATION_ID, "shop-it",
                EventloomConfig.TOPIC_NAMESPACE, "shop-it",
                EventloomConfig.TOPIC_PARTITIONS, "3",
                EventloomConfig.STREAMS_STATE_DIR, dir.toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString())));
        app.services().runtime().awaitRunning(TIMEOUT);
        gateway = app.services().gateway();
        reader = app.services().reader();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void givenStockAndActiveCustomer_whenOrderPlaced_thenSagaReservesAndConfirms() {
        createProduct("happy-mug", 5);
        registerCustomer("happy-customer");

        accepted(send("order", "happy-order", new PlaceOrder("happy-customer",
                List.of(new OrderLine("happy-mug", 2, PRICE)), "web")));

        awaitOrderStatus("happy-order", OrderStatus.CONFIRMED);
        ProductState product = product("happy-mug");
        assertThat(product.getAvailableStock()).isEqualTo(3);
        assertThat(product.getReservations()).containsEntry("happy-order", 2);
    }

    // Generated classes are resolved by name only through the serdes' own model (GeneratedClassesData): the shop
    // runs on Avro's JVM-wide validator as it was, which trusts none of its classes.
    @Test
    void givenTheAppStarted_whenAnOrderIsFulfilledAndItsRowRead_thenAvroKeepsItsGlobalValidatorTrustingNoShopClass() {
        createProduct("trust-mug", 5);
        registerCustomer("trust-customer");
        accepted(send("order", "trust-order", new PlaceOrder("trust-customer",
                List.of(new OrderLine("trust-mug", 1, PRICE)), "web")));
        awaitOrderStatus("trust-order", OrderStatus.CONFIRMED);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(app.services().projections()
                .row("order-summary", "trust-order")).hasValueSatisfying(row -> assertThat(((OrderSummaryRow) row)
                .getStatus()).isEqualTo(OrderStatus.CONFIRMED)));

        assertThat(ClassSecurityValidator.getGlobal()).isSameAs(validatorBeforeStart);
        assertThatExceptionOfType(SecurityException.class)
                .isThrownBy(() -> ClassSecurityValidator.validate(OrderStatus.class));
    }

    @Test
    void givenConfirmedOrder_whenShippedAndDelivered_thenReservationSettledAndTheSagaKeepsNothing() {
        createProduct("ship-mug", 5);
        registerCustomer("ship-customer");
        CommandOptions checkout = new CommandOptions("place-ship-order", OptionalLong.empty(),
                Optional.of("checkout-7"), Optional.empty(), Map.of());
        accepted(gateway.send("order", "ship-order", new PlaceOrder("ship-customer",
                List.of(new OrderLine("ship-mug", 2, PRICE)), "web"), checkout, TIMEOUT).join());
        awaitOrderStatus("ship-order", OrderStatus.CONFIRMED);

        accepted(send("order", "ship-order", new ShipOrder("TRACK-7")));
        accepted(send("order", "ship-order", new DeliverOrder()));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(product("ship-mug").getReservations()).isEmpty());
        assertThat(product("ship-mug").getAvailableStock()).isEqualTo(3);
        assertThat(reader.history("order", "ship-order")).filteredOn(e -> e.payload() instanceof OrderConfirmed)
                .singleElement().satisfies(e -> assertThat(e.correlationId())
                        .as("the client's correlation, through the saga").isEqualTo("checkout-7"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sagaState("ship-order"))
                .as("neither the finished instance nor the delivery after it is stored").isEmpty());
    }

    @Test
    void givenPriceChangedSinceTheOrderWasPriced_whenOrderPlaced_thenCancelledWithBothPrices() {
        createProduct("repriced-mug", 5);
        registerCustomer("repriced-customer");

        accepted(send("order", "repriced-order", new PlaceOrder("repriced-customer",
                List.of(new OrderLine("repriced-mug", 1, new Money(999L, "EUR"))), "web")));

        OrderState order = awaitOrderStatus("repriced-order", OrderStatus.CANCELLED);
        assertThat(order.getCancellationReason())
                .isEqualTo("price changed: SKU-repriced-mug costs 12.50 EUR, the order has 9.99 EUR");
        assertThat(product("repriced-mug").getAvailableStock()).isEqualTo(5);
    }

    @Test
    void givenTooLittleStock_whenOrderPlaced_thenCancelledOutOfStockAndOtherLineReleased() {
        createProduct("oos-plenty", 10);
        createProduct("oos-scarce", 1);
        registerCustomer("oos-customer");

        accepted(send("order", "oos-order", new PlaceOrder("oos-customer", List.of(
                new OrderLine("oos-plenty", 3, PRICE), new OrderLine("oos-scarce", 2, PRICE)), "web")));

        OrderState order = awaitOrderStatus("oos-order", OrderStatus.CANCELLED);
        assertThat(order.getCancellationReason()).startsWith("out of stock: SKU-oos-scarce");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(product("oos-plenty").getAvailableStock()).isEqualTo(10);
            assertThat(product("oos-plenty").getReservations()).isEmpty();
        });
        assertThat(product("oos-scarce").getAvailableStock()).isEqualTo(1);
    }

    @Test
    void givenConfirmedOrder_whenCancelled_thenStockReleased() {
        createProduct("cancel-mug", 4);
        registerCustomer("cancel-customer");
        accepted(send("order", "cancel-order", new PlaceOrder("cancel-customer",
                List.of(new OrderLine("cancel-mug", 3, PRICE)), "web")));
        awaitOrderStatus("cancel-order", OrderStatus.CONFIRMED);
        assertThat(product("cancel-mug").getAvailableStock()).isEqualTo(1);

        accepted(send("order", "cancel-order", new CancelOrder("changed my mind")));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(product("cancel-mug").getAvailableStock()).isEqualTo(4);
            assertThat(product("cancel-mug").getReservations()).isEmpty();
        });
    }

    @Test
    void givenDeactivatedCustomer_whenOrderPlaced_thenCancelledAndNoStockTaken() {
        createProduct("inactive-mug", 4);
        registerCustomer("inactive-customer");
        accepted(send("customer", "inactive-customer", new Deactivate()));

        accepted(send("order", "inactive-order", new PlaceOrder("inactive-customer",
                List.of(new OrderLine("inactive-mug", 1, PRICE)), "web")));

        OrderState order = awaitOrderStatus("inactive-order", OrderStatus.CANCELLED);
        assertThat(order.getCancellationReason()).startsWith("customer cannot order");
        assertThat(product("inactive-mug").getAvailableStock()).isEqualTo(4);
    }

    @Test
    void given10Units_when50ConcurrentOrders_thenNeverOversoldAndEveryOrderSettles() {
        createProduct("race-mug", 10);
        registerCustomer("race-customer");

        List<CompletableFuture<CommandResult>> placed = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> placed.add(gateway.send("order", "race-order-" + i,
                new PlaceOrder("race-customer", List.of(new OrderLine("race-mug", 1, PRICE)), "web"),
                CommandOptions.defaults(), TIMEOUT)));
        placed.forEach(f -> accepted(f.join()));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                IntStream.range(0, 50).allMatch(i -> settled(order("race-order-" + i).getStatus())));
        long confirmed = IntStream.range(0, 50)
                .filter(i -> order("race-order-" + i).getStatus() == OrderStatus.CONFIRMED).count();
        assertThat(confirmed).isEqualTo(10);
        assertThat(product("race-mug").getAvailableStock()).isZero();
        assertThat(product("race-mug").getReservations()).hasSize(10);
        assertNeverOversold("race-mug", 10);
    }

    // Replays the product's whole history: at no version may reservations exceed the stock.
    private static void assertNeverOversold(String productId, int stock) {
        ProductDecider decider = new ProductDecider();
        ProductState state = decider.initialState();
        for (StoredEvent event : reader.history("product", productId)) {
            state = decider.evolve(state, event.payload());
            int reserved = state.getReservations().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(state.getAvailableStock()).as("available at version %d", event.version()).isNotNegative();
            assertThat(reserved).as("reserved at version %d", event.version()).isLessThanOrEqualTo(stock);
        }
    }

    private static boolean settled(OrderStatus status) {
        return status == OrderStatus.CONFIRMED || status == OrderStatus.CANCELLED;
    }

    private static void createProduct(String id, int stock) {
        accepted(send("product", id, new CreateProduct("SKU-" + id, "Mug " + id, PRICE, stock, null)));
    }

    private static void registerCustomer(String id) {
        accepted(send("customer", id, new RegisterCustomer("Ada " + id, id + "@example.org")));
    }

    private static CommandResult send(String type, String id, SpecificRecord command) {
        return gateway.send(type, id, command, CommandOptions.defaults(), TIMEOUT).join();
    }

    private static void accepted(CommandResult result) {
        assertThat(result.getStatus()).as("%s: %s", result.getCommandId(), result.getRejectionMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
    }

    private static OrderState awaitOrderStatus(String id, OrderStatus status) {
        await().atMost(TIMEOUT).until(() -> order(id).getStatus() == status);
        return order(id);
    }

    private static OrderState order(String id) {
        return (OrderState) reader.state("order", id).map(Snapshot::state).orElseThrow();
    }

    private static Optional<Object> sagaState(String orderId) {
        StateQueryResult<Object> result = app.services().runtime().streams().query(StateQueryRequest
                .inStore("order-fulfilment-process-state").withQuery(KeyQuery.withKey(orderId)));
        return result.getPartitionResults().values().stream().filter(r -> r.isSuccess() && r.getResult() != null)
                .map(r -> r.getResult()).findFirst();
    }

    private static ProductState product(String id) {
        return (ProductState) reader.state("product", id).map(Snapshot::state).orElseThrow();
    }
}
