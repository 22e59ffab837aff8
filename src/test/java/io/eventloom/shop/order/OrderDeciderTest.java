package io.eventloom.shop.order;

import io.eventloom.shop.Amounts;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.TestMoney.usd;
import static io.eventloom.shop.order.OrderTestData.CUSTOMER;
import static io.eventloom.shop.order.OrderTestData.TRACKING;
import static io.eventloom.shop.order.OrderTestData.mugs;
import static io.eventloom.shop.order.OrderTestData.place;
import static io.eventloom.shop.order.OrderTestData.placed;
import static io.eventloom.shop.order.OrderTestData.placedState;
import static io.eventloom.shop.order.OrderTestData.spec;
import static io.eventloom.shop.order.OrderTestData.tea;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OrderDeciderTest {

    private final OrderDecider decider = new OrderDecider();

    @Test
    void givenNothing_whenPlace_thenOrderPlacedWithLinesAndComputedTotal() {
        spec().when(place())
                .thenEvents(placed())
                .thenState(placedState().build());
    }

    @Test
    void givenNothing_whenPlaceInTheStore_thenOrderPlacedCarriesTheStoreChannel() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(tea()), "store"))
                .thenEvents(new OrderPlaced(CUSTOMER, List.of(tea()), eur(450), "store"));
    }

    @Test
    void givenNothing_whenPlaceWithBlankChannel_thenRejectedValidationFailed() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(tea()), " "))
                .thenRejected("VALIDATION_FAILED", "salesChannel must not be blank");
    }

    @Test
    void givenOrderPlacedByPhone_whenConfirmed_thenConfirmedLikeAnyOther() {
        spec().given(new OrderPlaced(CUSTOMER, List.of(tea()), eur(450), "phone"))
                .when(new ConfirmOrder())
                .thenEvents(new OrderConfirmed());
    }

    @Test
    void givenPlacedOrder_whenPlaceAgain_thenRejectedAlreadyExists() {
        spec().given(placed()).when(place()).thenRejected("ALREADY_EXISTS");
    }

    @Test
    void givenNothing_whenPlaceWithoutLines_thenRejectedValidationFailed() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(), "web")).thenRejected("VALIDATION_FAILED", "at least one line");
    }

    @Test
    void givenNothing_whenPlaceWithBlankCustomer_thenRejectedValidationFailed() {
        spec().when(new PlaceOrder("", List.of(mugs()), "web")).thenRejected("VALIDATION_FAILED", "customerId");
    }

    @Test
    void givenNothing_whenPlaceWithZeroQuantity_thenRejectedNamingTheLine() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(mugs(), new OrderLine("product-tea", 0, eur(450))), "web"))
                .thenRejected("VALIDATION_FAILED", "lines[1].quantity must be positive");
    }

    @Test
    void givenNothing_whenPlaceWithZeroUnitPrice_thenRejectedNamingTheLine() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(new OrderLine("product-mug", 2, eur(0))), "web"))
                .thenRejected("VALIDATION_FAILED", "lines[0].unitPrice.amountMinor must be positive");
    }

    @Test
    void givenNothing_whenPlaceWithLinesInTwoCurrencies_thenRejectedValidationFailed() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(mugs(), new OrderLine("product-tea", 1, usd(500))), "web"))
                .thenRejected("VALIDATION_FAILED", "one currency, found [EUR, USD]");
    }

    @Test
    void givenNothing_whenPlaceWithSameProductOnTwoLines_thenRejectedValidationFailed() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(mugs(), mugs()), "web"))
                .thenRejected("VALIDATION_FAILED", "each product once");
    }

    @Test
    void givenNothing_whenPlaceWithTotalBeyondLongRange_thenRejectedValidationFailed() {
        OrderLine costly = new OrderLine("product-yacht", 2, eur(Long.MAX_VALUE / 2 + 1));
        spec().when(new PlaceOrder(CUSTOMER, List.of(costly), "web"))
                .thenRejected("VALIDATION_FAILED", "total is too large");
    }

    @Test
    void givenNothing_whenPlaceWithUnitPriceOverTheMaximumAmount_thenRejectedNamingTheLimit() {
        OrderLine costly = new OrderLine("product-yacht", 1, eur(Amounts.MAX_AMOUNT_MINOR + 1));
        spec().when(new PlaceOrder(CUSTOMER, List.of(costly), "web"))
                .thenRejected("VALIDATION_FAILED", "lines[0].unitPrice.amountMinor must be at most 1000000000000");
    }

    @Test
    void givenNothing_whenPlaceWithFiveQuintillionMinorUnits_thenRejectedBeforeAnySumCanOverflow() {
        OrderLine costly = new OrderLine("product-yacht", 1, eur(5_000_000_000_000_000_000L));
        spec().when(new PlaceOrder(CUSTOMER, List.of(costly), "web")).thenRejected("VALIDATION_FAILED", "at most");
    }

    @Test
    void givenNothing_whenPlaceWithTotalOfExactlyTheMaximumAmount_thenPlaced() {
        List<OrderLine> lines = List.of(new OrderLine("product-yacht", 2, eur(Amounts.MAX_AMOUNT_MINOR / 2)));
        spec().when(new PlaceOrder(CUSTOMER, lines, "web"))
                .thenEvents(new OrderPlaced(CUSTOMER, lines, eur(Amounts.MAX_AMOUNT_MINOR), "web"));
    }

    @Test
    void givenNothing_whenPlaceWithLinesSummingOverTheMaximumAmount_thenRejectedNamingTheLimit() {
        List<OrderLine> lines = List.of(new OrderLine("product-yacht", 3, eur(Amounts.MAX_AMOUNT_MINOR / 2)),
                new OrderLine("product-tea", 1, eur(450)));
        spec().when(new PlaceOrder(CUSTOMER, lines, "web"))
                .thenRejected("VALIDATION_FAILED", "order total is too large")
                .thenRejected("VALIDATION_FAILED", "at most 1000000000000 minor units");
    }

    static Stream<SpecificRecord> commandsOtherThanPlace() {
        return Stream.of(new ConfirmOrder(), new ShipOrder(TRACKING), new DeliverOrder(),
                new CancelOrder("changed mind"));
    }

    @ParameterizedTest
    @MethodSource("commandsOtherThanPlace")
    void givenNothing_whenAnyCommandButPlace_thenRejectedNotFound(SpecificRecord command) {
        spec().when(command).thenRejected("NOT_FOUND");
    }

    @Test
    void givenPlacedOrder_whenConfirm_thenOrderConfirmed() {
        spec().given(placed()).when(new ConfirmOrder())
                .thenEvents(new OrderConfirmed())
                .thenState(placedState().setStatus(OrderStatus.CONFIRMED).build());
    }

    @Test
    void givenConfirmedOrder_whenConfirmAgain_thenRejectedInvalidState() {
        spec().given(placed(), new OrderConfirmed()).when(new ConfirmOrder())
                .thenRejected("INVALID_STATE", "CONFIRMED");
    }

    @Test
    void givenCancelledOrder_whenConfirm_thenRejectedInvalidState() {
        spec().given(placed(), new OrderCancelled("out of stock")).when(new ConfirmOrder())
                .thenRejected("INVALID_STATE", "CANCELLED");
    }

    @Test
    void givenConfirmedOrder_whenShip_thenOrderShippedWithTrackingNumber() {
        spec().given(placed(), new OrderConfirmed()).when(new ShipOrder(TRACKING))
                .thenEvents(new OrderShipped(TRACKING))
                .thenState(placedState().setStatus(OrderStatus.SHIPPED).setTrackingNumber(TRACKING).build());
    }

    @Test
    void givenPlacedOrder_whenShip_thenRejectedInvalidState() {
        spec().given(placed()).when(new ShipOrder(TRACKING)).thenRejected("INVALID_STATE", "PLACED");
    }

    @Test
    void givenConfirmedOrder_whenShipWithoutTrackingNumber_thenRejectedValidationFailed() {
        spec().given(placed(), new OrderConfirmed()).when(new ShipOrder(" "))
                .thenRejected("VALIDATION_FAILED", "trackingNumber");
    }

    @Test
    void givenShippedOrder_whenDeliver_thenOrderDelivered() {
        spec().given(placed(), new OrderConfirmed(), new OrderShipped(TRACKING)).when(new DeliverOrder())
                .thenEvents(new OrderDelivered())
                .thenState(placedState().setStatus(OrderStatus.DELIVERED).setTrackingNumber(TRACKING).build());
    }

    @Test
    void givenConfirmedOrder_whenDeliver_thenRejectedInvalidState() {
        spec().given(placed(), new OrderConfirmed()).when(new DeliverOrder()).thenRejected("INVALID_STATE");
    }

    @Test
    void givenPlacedOrder_whenCancel_thenOrderCancelledWithReason() {
        spec().given(placed()).when(new CancelOrder("out of stock"))
                .thenEvents(new OrderCancelled("out of stock"))
                .thenState(placedState()
                        .setStatus(OrderStatus.CANCELLED)
                        .setCancellationReason("out of stock")
                        .build());
    }

    @Test
    void givenConfirmedOrder_whenCancel_thenOrderCancelled() {
        spec().given(placed(), new OrderConfirmed()).when(new CancelOrder("changed mind"))
                .thenEvents(new OrderCancelled("changed mind"));
    }

    @Test
    void givenPlacedOrder_whenCancelWithoutReason_thenRejectedValidationFailed() {
        spec().given(placed()).when(new CancelOrder("")).thenRejected("VALIDATION_FAILED", "reason");
    }

    @Test
    void givenShippedOrder_whenCancel_thenRejectedInvalidState() {
        spec().given(placed(), new OrderConfirmed(), new OrderShipped(TRACKING)).when(new CancelOrder("too late"))
                .thenRejected("INVALID_STATE", "SHIPPED");
    }

    @Test
    void givenDeliveredOrder_whenCancel_thenRejectedInvalidState() {
        spec().given(placed(), new OrderConfirmed(), new OrderShipped(TRACKING), new OrderDelivered())
                .when(new CancelOrder("too late"))
                .thenRejected("INVALID_STATE", "DELIVERED");
    }

    @Test
    void givenCancelledOrder_whenCancelAgain_thenNothingHappensAsCancelIsIdempotent() {
        spec().given(placed(), new OrderCancelled("out of stock")).when(new CancelOrder("changed mind"))
                .thenNothingHappens();
    }

    @Test
    void givenOrderOfOneLine_whenPlace_thenTotalIsQuantityTimesUnitPrice() {
        spec().when(new PlaceOrder(CUSTOMER, List.of(tea()), "web"))
                .thenEvents(new OrderPlaced(CUSTOMER, List.of(tea()), eur(450), "web"));
    }

    @Test
    void whenCommandOfAnotherAggregate_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.decide(new OrderConfirmed(), decider.initialState()))
                .withMessageContaining("OrderConfirmed");
    }

    @Test
    void whenEvolvingWithACommand_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.evolve(decider.initialState(), new ConfirmOrder()))
                .withMessageContaining("ConfirmOrder");
    }
}
