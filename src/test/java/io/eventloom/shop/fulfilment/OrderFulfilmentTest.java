package io.eventloom.shop.fulfilment;

import io.eventloom.core.ProcessInput;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.core.testing.ProcessSpec;
import io.eventloom.shop.order.CancelOrder;
import io.eventloom.shop.order.ConfirmOrder;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderShipped;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static io.eventloom.shop.fulfilment.FulfilmentInputs.MUG;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.ORDER;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.TEA;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.approve;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.command;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.customerAnswer;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.orderEvent;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.placed;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.refused;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.release;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.reserve;
import static io.eventloom.shop.fulfilment.FulfilmentInputs.reserved;
import static org.assertj.core.api.Assertions.assertThat;

class OrderFulfilmentTest {

    private final ProcessSpec<OrderFulfilmentState> saga = ProcessSpec.of(new OrderFulfilment());

    @Test
    void whenOrderPlaced_thenCustomerIsAskedToApprove() {
        saga.when(placed()).thenCommands(approve()).thenTerminal(false);
    }

    @Test
    void givenPlaced_whenCustomerApproves_thenEveryLineIsReserved() {
        saga.given(placed()).when(customerAnswer(true)).thenCommands(reserve(MUG, 2), reserve(TEA, 1));
    }

    @Test
    void givenPlaced_whenCustomerRefuses_thenOrderCancelledWithTheReason() {
        saga.given(placed()).when(customerAnswer(false))
                .thenCommands(command("order", "cancel", new CancelOrder(
                        "customer cannot order: customer is deactivated")));
    }

    @Test
    void givenOneLineReserved_whenTheLastIsReserved_thenOrderConfirmed() {
        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(reserved(TEA))
                .thenCommands(command("order", "confirm", new ConfirmOrder()));
    }

    @Test
    void givenOneLineReserved_whenTheOtherIsRefused_thenReservedReleasedAndOrderCancelledOutOfStock() {
        saga.given(placed(), customerAnswer(true), reserved(MUG)).when(refused(TEA))
                .thenCommands(release(MUG), command("order", "cancel", new CancelOrder(
                        "out of stock: SKU-p-tea (order o-1 asks for 2, only 1 available)")));
    }

    @Test
    void givenFirstLineRefused_whenTheOtherIsReservedLate_thenItIsReleased() {
        saga.given(placed(), customerAnswer(true), refused(MUG)).when(reserved(TEA)).thenCommands(release(TEA));
    }

    @Test
    void givenConfirmedOrder_whenCancelled_thenEveryReservationReleasedAndInstanceDone() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA), orderEvent(new OrderConfirmed()))
                .when(orderEvent(new OrderCancelled("changed my mind")))
                .thenCommands(release(MUG), release(TEA))
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
                .when(reserved(TEA)).thenCommands(release(TEA)).thenTerminal(true);
    }

    @Test
    void givenConfirmedOrder_whenShipped_thenInstanceDoneWithoutCommands() {
        saga.given(placed(), customerAnswer(true), reserved(MUG), reserved(TEA), orderEvent(new OrderConfirmed()))
                .when(orderEvent(new OrderShipped("TRACK-1"))).thenNoCommands().thenTerminal(true);
    }

    @Test
    void givenNoOrderPlaced_whenOtherOrderEvents_thenIgnored() {
        saga.when(orderEvent(new OrderConfirmed())).thenNoCommands();
        saga.when(orderEvent(new OrderCancelled("x"))).thenNoCommands();
    }

    @Test
    void whenResultOfSomeoneElsesCommand_thenNotRoutedToAnyInstance() {
        CommandResult foreign = CommandResult.newBuilder().setCommandId("user-command-1").setAggregateId(MUG)
                .setStatus(CommandStatus.ACCEPTED).setVersion(1).setEventCount(1).setCorrelationId("whatever")
                .setProcessedAt(Instant.EPOCH).build();

        assertThat(new OrderFulfilment().instanceOf(new ProcessInput.Result("product", foreign))).isEmpty();
        assertThat(new OrderFulfilment().instanceOf(reserved(MUG))).contains(ORDER);
        assertThat(new OrderFulfilment().instanceOf(new ProcessInput.Event("order", new StoredEvent("e", "o-9", 1,
                Instant.EPOCH, "c", "c", Optional.empty(), new OrderConfirmed())))).contains("o-9");
    }
}
