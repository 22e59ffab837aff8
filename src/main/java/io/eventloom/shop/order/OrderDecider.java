package io.eventloom.shop.order;

import io.eventloom.core.Decider;
import io.eventloom.core.Decision;
import io.eventloom.shop.Amounts;
import io.eventloom.shop.Money;
import io.eventloom.shop.Validation;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.eventloom.shop.RejectionCodes.ALREADY_EXISTS;
import static io.eventloom.shop.RejectionCodes.INVALID_STATE;
import static io.eventloom.shop.RejectionCodes.NOT_FOUND;
import static io.eventloom.shop.order.OrderStatus.CANCELLED;
import static io.eventloom.shop.order.OrderStatus.CONFIRMED;
import static io.eventloom.shop.order.OrderStatus.DELIVERED;
import static io.eventloom.shop.order.OrderStatus.NONE;
import static io.eventloom.shop.order.OrderStatus.PLACED;
import static io.eventloom.shop.order.OrderStatus.SHIPPED;

/** Decides order commands: placing with a computed total, then confirm, ship, deliver, or cancel before shipping. */
public final class OrderDecider implements Decider<SpecificRecord, SpecificRecord, OrderState> {

    @Override
    public OrderState initialState() {
        // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
        // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
        return OrderState.newBuilder()
                .setStatus(NONE)
                .setCustomerId("")
                .setLines(List.of())
                .setTotal(null)
                .setTrackingNumber(null)
                .setCancellationReason(null)
                .build();
    }

    @Override
    public Decision<SpecificRecord> decide(SpecificRecord command, OrderState state) {
        if (command instanceof PlaceOrder place) {
            return place(place, state);
        }
        if (command instanceof ConfirmOrder) {
            return isPlaced(state) ? confirm(state) : notFound();
        }
        if (command instanceof ShipOrder ship) {
            return isPlaced(state) ? ship(ship, state) : notFound();
        }
        if (command instanceof DeliverOrder) {
            return isPlaced(state) ? deliver(state) : notFound();
        }
        if (command instanceof CancelOrder cancel) {
            return isPlaced(state) ? cancel(cancel, state) : notFound();
        }
        throw new IllegalStateException("not an order command: " + command.getClass().getName());
    }

    @Override
    public OrderState evolve(OrderState state, SpecificRecord event) {
        OrderState.Builder next = copyOf(state);
        if (event instanceof OrderPlaced placed) {
            next.setStatus(PLACED)
                    .setCustomerId(placed.getCustomerId())
                    .setLines(placed.getLines())
                    .setTotal(placed.getTotal());
        } else if (event instanceof OrderConfirmed) {
            next.setStatus(CONFIRMED);
        } else if (event instanceof OrderShipped shipped) {
            next.setStatus(SHIPPED).setTrackingNumber(shipped.getTrackingNumber());
        } else if (event instanceof OrderDelivered) {
            next.setStatus(DELIVERED);
        } else if (event instanceof OrderCancelled cancelled) {
            next.setStatus(CANCELLED).setCancellationReason(cancelled.getReason());
        } else {
            throw new IllegalStateException("not an order event: " + event.getClass().getName());
        }
        return next.build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no state is ever mutated.
    private static OrderState.Builder copyOf(OrderState state) {
        return OrderState.newBuilder()
                .setStatus(state.getStatus())
                .setCustomerId(state.getCustomerId())
                .setLines(state.getLines())
                .setTotal(state.getTotal())
                .setTrackingNumber(state.getTrackingNumber())
                .setCancellationReason(state.getCancellationReason());
    }

    private static Decision<SpecificRecord> place(PlaceOrder command, OrderState state) {
        if (isPlaced(state)) {
            return Decision.reject(ALREADY_EXISTS, "order was already placed");
        }
        List<OrderLine> lines = List.copyOf(command.getLines());
        OptionalLong totalMinor = totalMinor(lines);
        return checkLines(Validation.check()
                .notBlank("customerId", command.getCustomerId())
                .notBlank("salesChannel", command.getSalesChannel()), lines)
                .require(totalMinor.isPresent() && totalMinor.getAsLong() <= Amounts.MAX_AMOUNT_MINOR,
                        "order total is too large: the lines' quantity times unit price must sum to at most "
                                + Amounts.MAX_AMOUNT_MINOR + " minor units")
                .ifValid(() -> Decision.accept(new OrderPlaced(command.getCustomerId(), lines,
                        new Money(totalMinor.getAsLong(), lines.get(0).getUnitPrice().getCurrency()),
                        command.getSalesChannel())));
    }

    private static Validation checkLines(Validation check, List<OrderLine> lines) {
        check.require(!lines.isEmpty(), "lines must hold at least one line");
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            check.notBlank("lines[" + i + "].productId", line.getProductId())
                    .positive("lines[" + i + "].quantity", line.getQuantity())
                    .positive("lines[" + i + "].unitPrice", line.getUnitPrice());
        }
        Set<String> currencies = currencies(lines);
        // One line per product keeps stock simple: an order holds at most one reservation per product.
        return check.require(distinctProducts(lines), "lines must name each product once")
                .require(currencies.size() <= 1, "lines must share one currency, found " + currencies);
    }

    private static Decision<SpecificRecord> confirm(OrderState state) {
        return state.getStatus() == PLACED
                ? Decision.accept(new OrderConfirmed())
                : notAllowed("confirm", state, "PLACED");
    }

    private static Decision<SpecificRecord> ship(ShipOrder command, OrderState state) {
        if (state.getStatus() != CONFIRMED) {
            return notAllowed("ship", state, "CONFIRMED");
        }
        return Validation.check()
                .notBlank("trackingNumber", command.getTrackingNumber())
                .ifValid(() -> Decision.accept(new OrderShipped(command.getTrackingNumber())));
    }

    private static Decision<SpecificRecord> deliver(OrderState state) {
        return state.getStatus() == SHIPPED
                ? Decision.accept(new OrderDelivered())
                : notAllowed("deliver", state, "SHIPPED");
    }

    private static Decision<SpecificRecord> cancel(CancelOrder command, OrderState state) {
        if (state.getStatus() == CANCELLED) {
            // A customer and a compensating saga may both cancel; the second finds the work done.
            return Decision.accept();
        }
        if (state.getStatus() != PLACED && state.getStatus() != CONFIRMED) {
            return notAllowed("cancel", state, "PLACED or CONFIRMED");
        }
        return Validation.check()
                .notBlank("reason", command.getReason())
                .ifValid(() -> Decision.accept(new OrderCancelled(command.getReason())));
    }

    private static boolean distinctProducts(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::getProductId).distinct().count() == lines.size();
    }

    private static Set<String> currencies(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> line.getUnitPrice().getCurrency())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sum of quantity times unit price, or empty when it overflows a long. */
    private static OptionalLong totalMinor(List<OrderLine> lines) {
        long total = 0;
        try {
            for (OrderLine line : lines) {
                long lineTotal = Math.multiplyExact(line.getQuantity(), line.getUnitPrice().getAmountMinor());
                total = Math.addExact(total, lineTotal);
            }
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(total);
    }

    private static boolean isPlaced(OrderState state) {
        return state.getStatus() != NONE;
    }

    private static Decision<SpecificRecord> notFound() {
        return Decision.reject(NOT_FOUND, "order was never placed");
    }

    private static Decision<SpecificRecord> notAllowed(String action, OrderState state, String allowedStatus) {
        return Decision.reject(INVALID_STATE,
                "cannot " + action + " an order that is " + state.getStatus() + ", only one that is " + allowedStatus);
    }
}
