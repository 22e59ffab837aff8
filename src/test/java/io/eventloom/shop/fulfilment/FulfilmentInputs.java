package io.eventloom.shop.fulfilment;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.shop.Money;
import io.eventloom.shop.customer.ApproveOrder;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.product.ReleaseStock;
import io.eventloom.shop.product.ReserveStock;
import io.eventloom.shop.product.SettleReservation;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.eventloom.shop.fulfilment.OrderFulfilment.Step;

/**
 * Inputs and expected commands for an order of two mugs and one tea placed by customer c-1, whose client
 * correlated it as {@value #CLIENT_CORRELATION}.
 */
final class FulfilmentInputs {

    static final String ORDER = "o-1";
    static final String CUSTOMER = "c-1";
    static final String MUG = "p-mug";
    static final String TEA = "p-tea";
    static final String CLIENT_CORRELATION = "checkout-42";
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    static final Instant PLACED_AT = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant ANSWERED_AT = PLACED_AT.plusSeconds(1);
    static final Money PRICE = new Money(500L, "EUR");
    static final String PLACED_EVENT = "e-OrderPlaced";

    private FulfilmentInputs() {
    }

    static ProcessInput orderEvent(SpecificRecord payload) {
        return new ProcessInput.Event("order", new StoredEvent("e-" + payload.getSchema().getName(), ORDER, 1,
                PLACED_AT, "cmd", CLIENT_CORRELATION, Optional.empty(), payload));
    }

    static ProcessInput placed() {
        return orderEvent(new OrderPlaced(CUSTOMER, List.of(new OrderLine(MUG, 2, PRICE), new OrderLine(TEA, 1, PRICE)),
                new Money(1500L, "EUR"), "web"));
    }

    static ProcessInput customerAnswer(boolean approved) {
        return result("customer", CUSTOMER, Step.APPROVE.commandId(ORDER, null), approved, "CUSTOMER_INACTIVE",
                "customer is deactivated");
    }

    static ProcessInput reserved(String product) {
        return result("product", product, Step.RESERVE.commandId(ORDER, product), true, null, null);
    }

    static ProcessInput refused(String product) {
        return refused(product, "OUT_OF_STOCK",
                "out of stock: SKU-" + product + " (order o-1 asks for 2, only 1 available)");
    }

    static ProcessInput refused(String product, String code, String message) {
        return result("product", product, Step.RESERVE.commandId(ORDER, product), false, code, message);
    }

    static ProcessInput timeout(Instant now) {
        return new ProcessInput.Timeout(ORDER, now);
    }

    static ProcessCommand approve() {
        return new ProcessCommand("customer", CUSTOMER, Step.APPROVE.commandId(ORDER, null), CLIENT_CORRELATION,
                PLACED_EVENT, new ApproveOrder(ORDER));
    }

    static ProcessCommand reserve(String product, int quantity) {
        return new ProcessCommand("product", product, Step.RESERVE.commandId(ORDER, product), CLIENT_CORRELATION,
                Step.APPROVE.commandId(ORDER, null), new ReserveStock(ORDER, quantity, PRICE));
    }

    /** A release caused by the input whose id is {@code causation}. */
    static ProcessCommand release(String product, String causation) {
        return new ProcessCommand("product", product, Step.RELEASE.commandId(ORDER, product), CLIENT_CORRELATION,
                causation, new ReleaseStock(ORDER));
    }

    /** Settling a shipped order's reservation, caused by its OrderShipped. */
    static ProcessCommand settle(String product) {
        return new ProcessCommand("product", product, Step.SETTLE.commandId(ORDER, product), CLIENT_CORRELATION,
                "e-OrderShipped", new SettleReservation(ORDER));
    }

    /** A command to the order itself caused by the input whose id is {@code causation}. */
    static ProcessCommand toOrder(Step step, String causation, SpecificRecord payload) {
        return new ProcessCommand("order", ORDER, step.commandId(ORDER, null), CLIENT_CORRELATION, causation,
                payload);
    }

    static String reserveId(String product) {
        return Step.RESERVE.commandId(ORDER, product);
    }

    private static ProcessInput result(String type, String aggregate, String commandId, boolean accepted,
                                       String code, String message) {
        return new ProcessInput.Result(type, CommandResult.newBuilder()
                .setCommandId(commandId).setAggregateId(aggregate)
                .setStatus(accepted ? CommandStatus.ACCEPTED : CommandStatus.REJECTED)
                .setVersion(1).setEventCount(accepted ? 1 : 0)
                .setRejectionCode(accepted ? null : code).setRejectionMessage(accepted ? null : message)
                .setCorrelationId(CLIENT_CORRELATION).setCausationId(PLACED_EVENT).setProcessedAt(ANSWERED_AT)
                .setProcess(OrderFulfilment.NAME).setProcessInstance(ORDER).build());
    }
}
