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
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Inputs and expected commands for an order of two mugs and one tea placed by customer c-1. */
final class FulfilmentInputs {

    static final String ORDER = "o-1";
    static final String CUSTOMER = "c-1";
    static final String MUG = "p-mug";
    static final String TEA = "p-tea";
    private static final String PREFIX = "order-fulfilment:" + ORDER + ":";

    private FulfilmentInputs() {
    }

    static ProcessInput orderEvent(SpecificRecord payload) {
        return new ProcessInput.Event("order", new StoredEvent("e-" + payload.getSchema().getName(), ORDER, 1,
                Instant.EPOCH, "cmd", "corr", Optional.empty(), payload));
    }

    static ProcessInput placed() {
        Money price = new Money(500L, "EUR");
        return orderEvent(new OrderPlaced(CUSTOMER, List.of(new OrderLine(MUG, 2, price), new OrderLine(TEA, 1, price)),
                new Money(1500L, "EUR")));
    }

    static ProcessInput customerAnswer(boolean approved) {
        return result("customer", CUSTOMER, PREFIX + "approve-customer", approved, "CUSTOMER_INACTIVE",
                "customer is deactivated");
    }

    static ProcessInput reserved(String product) {
        return result("product", product, PREFIX + "reserve:" + product, true, null, null);
    }

    static ProcessInput refused(String product) {
        return result("product", product, PREFIX + "reserve:" + product, false, "OUT_OF_STOCK",
                "out of stock: SKU-" + product + " (order o-1 asks for 2, only 1 available)");
    }

    static ProcessCommand approve() {
        return new ProcessCommand("customer", CUSTOMER, PREFIX + "approve-customer", ORDER, ORDER,
                new ApproveOrder(ORDER));
    }

    static ProcessCommand reserve(String product, int quantity) {
        return new ProcessCommand("product", product, PREFIX + "reserve:" + product, ORDER, ORDER,
                new ReserveStock(ORDER, quantity, null));
    }

    static ProcessCommand release(String product) {
        return new ProcessCommand("product", product, PREFIX + "release:" + product, ORDER, ORDER,
                new ReleaseStock(ORDER));
    }

    static ProcessCommand command(String type, String step, SpecificRecord payload) {
        return new ProcessCommand(type, ORDER, PREFIX + step, ORDER, ORDER, payload);
    }

    private static ProcessInput result(String type, String aggregate, String commandId, boolean accepted,
                                       String code, String message) {
        return new ProcessInput.Result(type, CommandResult.newBuilder()
                .setCommandId(commandId).setAggregateId(aggregate)
                .setStatus(accepted ? CommandStatus.ACCEPTED : CommandStatus.REJECTED)
                .setVersion(1).setEventCount(accepted ? 1 : 0)
                .setRejectionCode(accepted ? null : code).setRejectionMessage(accepted ? null : message)
                .setCorrelationId(ORDER).setCausationId(ORDER).setProcessedAt(Instant.EPOCH).build());
    }
}
