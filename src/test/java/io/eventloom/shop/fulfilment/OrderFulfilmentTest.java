package io.eventloom.shop.fulfilment;

import io.eventloom.core.ProcessInput;
import io.eventloom.core.testing.ProcessSpec;
import io.eventloom.shop.order.CancelOrder;
import io.eventloom.shop.order.ConfirmOrder;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderDelivered;
import io.eventloom.shop.order.OrderShipped;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.eventloom.shop.fulfilment.FulfilmentInputs.ANSWERED_AT;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.CLIENT_CORRELATION;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.MUG;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.PLACED_AT;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.STEP_TIMEOUT;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.TEA;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.approve;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.customerAnswer;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.orderEvent;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.placed;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.refused;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.release;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.reserve;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.reserveId;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.reserved;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.settle;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.timeout;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.toOrder;
import static io.eventloom.shop.fulfilment.OrderFulfilment.Step;
import static org.assertj.core.api.Assertions.assertThat;

class OrderFulfilmentTest {

    private final ProcessSpec<OrderFulfilmentState> saga = ProcessSpec.of(new OrderFulfilment(STEP_TIMEOUT));

    @Test
    void whenOrderPlaced_thenCustomerIsAskedToApproveUnderTheClientsCorrelationWithADeadline() {
        var outcome = saga.when(placed()).thenCommands(approve()).thenTerminal(false)
                .thenDeadline(Optional.of(PLACED_AT.plus(STEP_TIMEOUT)));

        assertThat(outcome.commands()).allSatisfy(c -> assertThat(c.correlationId()).isEqualTo(CLIENT_CORRELATION));
    }

    @Test
    void givenEachAnswer_thenTheStepIsTheStageInLowerCase() {
        saga.when(placed()).thenStep("approving_customer");
        saga.given(placed()).when(customerAnswer(true)).thenStep("reserving");
        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(reserved(TEA)).thenStep("confirming");
        saga.given(placed()).when(customerAnswer(false)).thenStep("cancelling");
    }

    @Test
    void givenPlaced_whenCustomerApproves_thenEveryLineIsReservedAndTheDeadlineMoves() {
        saga.given(placed()).when(customerAnswer(true)).thenCommands(reserve(MUG, 2), reserve(TEA, 1))
                .thenDeadline(Optional.of(ANSWERED_AT.plus(STEP_TIMEOUT)));
    }

    @Test
    void givenPlaced_whenCustomerRefuses_thenOrderCancelledWithTheReason() {
        saga.given(placed()).when(customerAnswer(false))
                .thenCommands(toOrder(Step.CANCEL, Step.APPROVE.commandId(FulfilmentInputs.ORDER, null),
                        new CancelOrder("customer cannot order: customer is deactivated")))
                .thenDeadline(Optional.empty());
    }

    @Test
    void givenOneLineReserved_whenTheLastIsReserved_thenOrderConfirmed() {
        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(reserved(TEA))
                .thenCommands(toOrder(Step.CONFIRM, reserveId(TEA), new ConfirmOrder()));
    }

    @Test
    void givenOneLineReserved_whenTheOtherIsRefused_thenReservedReleasedAndOrderCancelledOutOfStock() {
        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(refused(TEA))
                .thenCommands(release(MUG, reserveId(TEA)), toOrder(Step.CANCEL, reserveId(TEA), new CancelOrder(
                        "out of stock: SKU-p-tea (order o-1 asks for 2, only 1 available)")));
    }

    @Test
    void givenFirstLineRefused_whenTheOtherIsReservedLate_thenItIsReleased() {
        saga.given(placed(), customerAnswer(true), refused(MUG)).when(reserved(TEA))
                .thenCommands(release(TEA, reserveId(TEA)));
    }

    @Test
    void givenConfirmedOrder_whenCancelled_thenEveryReservationReleasedAndInstanceDone() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA), orderEvent(new OrderConfirmed()))
                .when(orderEvent(new OrderCancelled("changed my mind")))
                .thenCommands(release(MUG, "e-OrderCancelled"), release(TEA, "e-OrderCancelled"))
                .thenTerminal(true);
    }

    @Test
    void givenSagaCancelledAfterRefusal_whenOrderCancelled_thenNothingIsReleasedTwice() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), refused(TEA))
                .when(orderEvent(new OrderCancelled("out of stock")))
                .thenNoCommands()
                .thenTerminal(true);
    }

    @Test
    void givenCancelledWhileReservationOutstanding_thenInstanceStaysUntilTheAnswer() {
        var outcome = saga.given(placed(), customerAnswer(true), refused(MUG))
                .when(orderEvent(new OrderCancelled("out of stock")))
                .thenTerminal(false);
        assertThat(outcome.state().getStage()).isEqualTo(FulfilmentStage.CANCELLED);
        saga.given(placed(), customerAnswer(true), refused(MUG), orderEvent(new OrderCancelled("out of stock")))
                .when(reserved(TEA)).thenCommands(release(TEA, reserveId(TEA))).thenTerminal(true);
    }

    @Test
    void givenConfirmedOrder_whenShipped_thenEveryReservationSettledAndInstanceDone() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA), orderEvent(new OrderConfirmed()))
                .when(orderEvent(new OrderShipped("TRACK-1")))
                .thenCommands(settle(MUG), settle(TEA))
                .thenTerminal(true);
    }

    @Test
    void givenReserving_whenTheProductsPriceChanged_thenReservedReleasedAndOrderCancelledWithThePrices() {
        String reason = "price changed: MUG-1 costs 6.00 EUR, the order has 5.00 EUR";
        ProcessInput priceChanged = FulfilmentInputs.refused(TEA, "PRICE_MISMATCH", reason);

        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(priceChanged)
                .thenCommands(release(MUG, reserveId(TEA)), toOrder(Step.CANCEL, reserveId(TEA),
                        new CancelOrder(reason)));
    }

    @Test
    void givenConfirmedOrder_thenNoDeadline_itWaitsForShippingAsLongAsItTakes() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA))
                .when(orderEvent(new OrderConfirmed())).thenNoCommands().thenDeadline(Optional.empty());
    }

    @Test
    void givenShippedOrder_whenDelivered_thenTheFinishedInstanceIgnoresIt() {
        var outcome = saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA),
                orderEvent(new OrderConfirmed()), orderEvent(new OrderShipped("TRACK-1")))
                .when(orderEvent(new OrderDelivered())).thenNoCommands();

        assertThat(outcome.state()).as("the initial state, which the runtime does not store")
                .isEqualTo(new OrderFulfilment(STEP_TIMEOUT).initialState());
    }

    @Test
    void givenReservationsUnanswered_whenTheStepTimesOut_thenReservedReleasedAndOrderCancelledWithTheReason() {
        saga.given(placed(), customerAnswer(true), reserved(MUG))
                .when(timeout(ANSWERED_AT.plus(STEP_TIMEOUT)))
                .thenCommands(release(MUG, "timeout at " + ANSWERED_AT.plus(STEP_TIMEOUT)),
                        toOrder(Step.CANCEL, "timeout at " + ANSWERED_AT.plus(STEP_TIMEOUT), new CancelOrder(
                                "not fulfilled in time: stock of [p-tea] did not answer within PT2M")))
                .thenDeadline(Optional.empty());
    }

    @Test
    void givenCustomerNeverAnswers_whenTheStepTimesOut_thenOrderCancelled() {
        var outcome = saga.given(placed()).when(timeout(PLACED_AT.plus(STEP_TIMEOUT)));

        assertThat(outcome.commands()).singleElement().satisfies(cancel -> {
            assertThat(cancel.payload()).isEqualTo(new CancelOrder(
                    "not fulfilled in time: customer c-1 did not answer within PT2M"));
            assertThat(cancel.correlationId()).isEqualTo(CLIENT_CORRELATION);
        });
    }

    @Test
    void givenTimedOut_whenTheReservationAnswersLate_thenItIsReleased() {
        saga.given(placed(), customerAnswer(true), timeout(ANSWERED_AT.plus(STEP_TIMEOUT))).when(reserved(MUG))
                .thenCommands(release(MUG, reserveId(MUG)));
    }

    @Test
    void givenPlaced_whenAnAnswerToAnotherCommandArrives_thenItIsNotTakenForAStep() {
        ProcessInput unrelated = new ProcessInput.Result("product", io.eventloom.core.avro.CommandResult
                .newBuilder().setCommandId("order-fulfilment:o-1:reserve:p-mug:extra").setAggregateId(MUG)
                .setStatus(io.eventloom.core.avro.CommandStatus.ACCEPTED).setVersion(1).setEventCount(1)
                .setCorrelationId(CLIENT_CORRELATION).setProcessedAt(ANSWERED_AT)
                .setProcess(OrderFulfilment.NAME).setProcessInstance(FulfilmentInputs.ORDER).build());

        var outcome = saga.given(placed(), customerAnswer(true)).when(unrelated).thenNoCommands();

        assertThat(outcome.state().getLines()).allSatisfy(line ->
                assertThat(line.getStatus()).isEqualTo(ReservationStatus.REQUESTED));
    }
}
