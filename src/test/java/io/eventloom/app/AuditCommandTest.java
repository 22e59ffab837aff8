package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.cli.ExitCodes;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.shop.customer.ChangeEmail;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderState;
import io.eventloom.shop.order.OrderStatus;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.Restock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.eventloom.shop.TestMoney.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code eventloom audit} on a shop whose every state and row the runtime made: products, customers, and orders the
 * fulfilment saga confirmed, then a changed email that the order summaries follow.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AuditCommandTest {

    private static final List<String> PROJECTIONS = List.of("product-catalog", "customer-rows", "order-rows",
            "order-summary", "customer-order-history", "shop-stats", "product-sales", "top-products");

    @TempDir
    static Path dir;

    private static CliShop shop;

    @BeforeAll
    static void start(TestBroker broker) throws Exception {
        shop = CliShop.start(broker, "cli-audit", dir);
        shop.accept("product", "mug", new CreateProduct("MUG-1", "Mug", eur(1250), 10, null));
        shop.accept("product", "lamp", new CreateProduct("LAMP-1", "Lamp", eur(4000), 5, "home"));
        shop.accept("customer", "ada", new RegisterCustomer("Ada Lovelace", "ada@example.com"));
        shop.accept("customer", "alan", new RegisterCustomer("Alan Turing", "alan@example.com"));
        shop.accept("order", "o-1", new PlaceOrder("ada", List.of(new OrderLine("mug", 2, eur(1250))), "web"));
        shop.accept("order", "o-2", new PlaceOrder("alan", List.of(new OrderLine("lamp", 1, eur(4000)),
                new OrderLine("mug", 1, eur(1250))), "shop"));
        for (String order : List.of("o-1", "o-2")) {
            shop.awaitState("order", order, OrderState.class, state -> state.getStatus() == OrderStatus.CONFIRMED);
        }
        // Its order summary follows asynchronously: the audit must wait for it, not report it.
        shop.accept("customer", "ada", new ChangeEmail("ada@analytical.example"));
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void givenAShopTheRuntimeMadeAlone_whenAudited_thenNoDifferenceAndExitOk() {
        CliShop.Run run = shop.run("audit");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Audited 3 aggregate types (6 aggregates) and 8 projections (")
                .endsWith(": no difference.\n");
        assertThat(run.err()).contains("audit: aggregates: 6/6");
    }

    @Test
    void givenJsonOutput_whenAudited_thenOneDocumentWithTheScopeTheCountsAndNoDifference() throws Exception {
        CliShop.Run run = shop.run("audit", "--output", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("aggregateTypes")).extracting(JsonNode::asText)
                .containsExactly("product", "customer", "order");
        assertThat(report.path("projections")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(PROJECTIONS);
        JsonNode counts = report.path("counts");
        assertThat(counts.path("aggregates").asLong()).isEqualTo(6);
        // A product, a customer and an order each: at least one row in every projection.
        assertThat(counts.path("rows").asLong()).isGreaterThanOrEqualTo(PROJECTIONS.size());
        assertThat(counts.path("events").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(counts.path("differences").asLong()).isZero();
        assertThat(report.path("differences").isArray()).isTrue();
        assertThat(report.path("differences")).isEmpty();
    }

    @Test
    void givenCommandsFlowingOnAProductWhileAuditing_whenAudited_thenWhatIsInFlightIsNotADifference()
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger restocked = new AtomicInteger();
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = traffic.submit(() -> {
                while (!stop.get()) {
                    shop.accept("product", "lamp", new Restock(1));
                    restocked.incrementAndGet();
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> restocked.get() >= 3);
            int before = restocked.get();

            CliShop.Run run = shop.run("audit", "product");

            assertThat(restocked.get()).as("commands accepted while auditing").isGreaterThan(before);
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
            stop.set(true);
            sending.get();
        } finally {
            stop.set(true);
            traffic.shutdown();
        }
    }

    @Test
    void givenOneType_whenAudited_thenThatTypesAggregatesAndTheProjectionsMadeOfItsEventsOnly() {
        CliShop.Run run = shop.run("audit", "customer");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Audited 1 aggregate type (2 aggregates) and 2 projections (4 rows)");
    }

    @Test
    void givenAnUnknownType_whenAudited_thenAUsageErrorNamingTheKnownTypes() {
        CliShop.Run run = shop.run("audit", "invoice");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown aggregate type 'invoice'; known: [product, customer, order]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void givenNoToken_whenAudited_thenItExitsWithTheApisRefusal() {
        CliShop.Run run = shop.run(Map.of("EVENTLOOM_HTTP_AUTH_ADMIN_TOKEN_FILE",
                dir.resolve("absent.token").toString()), "audit", "product");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Refused by the HTTP API (401)");
    }

    @Test
    void givenNoApiAtTheUrl_whenAudited_thenItExitsUnavailable() {
        CliShop.Run run = shop.run("audit", "product", "--url", "http://localhost:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("Cannot reach the HTTP API at http://localhost:1");
    }
}
