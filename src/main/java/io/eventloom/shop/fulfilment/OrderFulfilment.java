package io.eventloom.shop.fulfilment;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.ProcessManager;
import io.eventloom.core.ProcessType;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.shop.customer.ApproveOrder;
import io.eventloom.shop.order.CancelOrder;
import io.eventloom.shop.order.ConfirmOrder;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderDelivered;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderShipped;
import io.eventloom.shop.product.ReleaseStock;
import io.eventloom.shop.product.ReserveStock;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stock reservation saga. OrderPlaced: ask the customer to approve, then reserve each line's stock; all
 * reserved: confirm the order. Customer refused or a reservation refused: release what was reserved and cancel
 * the order with the reason. An order cancelled later releases its stock. Every command id is derived from the
 * order and the step, so a replayed input never applies a step twice.
 */
public final class OrderFulfilment implements ProcessManager<OrderFulfilmentState> {

    public static final String NAME = "order-fulfilment";
    public static final ProcessType<OrderFulfilmentState> TYPE = new ProcessType<>(NAME, new OrderFulfilment(),
            OrderFulfilmentState.class, List.of("order"), List.of("customer", "product"),
            List.of("customer", "product", "order"));

    private static final String PREFIX = NAME + ":";

    @Override
    public OrderFulfilmentState initialState() {
        return new OrderFulfilmentState(FulfilmentStage.NOT_STARTED, "", List.of());
    }

    @Override
    public Optional<String> instanceOf(ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            return Optional.of(event.event().aggregateId());
        }
        CommandResult result = ((ProcessInput.Result) input).result();
        return result.getCommandId().startsWith(PREFIX) ? Optional.of(result.getCorrelationId()) : Optional.empty();
    }

    @Override
    public List<ProcessCommand> react(OrderFulfilmentState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            String orderId = event.event().aggregateId();
            SpecificRecord payload = event.event().payload();
            if (payload instanceof OrderPlaced placed && state.getStage() == FulfilmentStage.NOT_STARTED) {
                return List.of(command("customer", placed.getCustomerId(), orderId, "approve-customer",
                        new ApproveOrder(orderId)));
            }
            if (payload instanceof OrderCancelled) {
                return releaseReserved(state, orderId);
            }
            return List.of();
        }
        ProcessInput.Result answer = (ProcessInput.Result) input;
        CommandResult result = answer.result();
        String orderId = result.getCorrelationId();
        if (answer.aggregateType().equals("customer") && state.getStage() == FulfilmentStage.APPROVING_CUSTOMER) {
            return accepted(result)
                    ? state.getLines().stream().map(line -> command("product", line.getProductId(), orderId,
                    "reserve:" + line.getProductId(), new ReserveStock(orderId, line.getQuantity(), null))).toList()
                    : List.of(cancel(orderId, "customer cannot order: " + result.getRejectionMessage()));
        }
        if (answer.aggregateType().equals("product") && isReservation(result)) {
            return reservationAnswered(state, result, orderId);
        }
        return List.of();
    }

    private List<ProcessCommand> reservationAnswered(OrderFulfilmentState state, CommandResult result,
                                                     String orderId) {
        String productId = result.getAggregateId();
        FulfilmentStage stage = state.getStage();
        if (accepted(result)) {
            if (stage == FulfilmentStage.RESERVING && allReservedOnce(state, productId)) {
                return List.of(command("order", orderId, orderId, "confirm", new ConfirmOrder()));
            }
            if (stage == FulfilmentStage.CANCELLING || stage == FulfilmentStage.CANCELLED) {
                return List.of(release(orderId, productId));
            }
            return List.of();
        }
        if (stage != FulfilmentStage.RESERVING) {
            return List.of();
        }
        List<ProcessCommand> commands = new ArrayList<>(releaseReserved(state, orderId));
        commands.add(cancel(orderId, result.getRejectionMessage()));
        return commands;
    }

    @Override
    public OrderFulfilmentState evolve(OrderFulfilmentState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            return evolveOnOrderEvent(state, event.event().payload());
        }
        ProcessInput.Result answer = (ProcessInput.Result) input;
        CommandResult result = answer.result();
        if (answer.aggregateType().equals("customer") && state.getStage() == FulfilmentStage.APPROVING_CUSTOMER) {
            return accepted(result)
                    ? withLines(state, FulfilmentStage.RESERVING, all(state, ReservationStatus.REQUESTED))
                    : withStage(state, FulfilmentStage.CANCELLING);
        }
        if (answer.aggregateType().equals("product") && isReservation(result)) {
            return evolveOnReservation(state, result);
        }
        return state;
    }

    private OrderFulfilmentState evolveOnOrderEvent(OrderFulfilmentState state, SpecificRecord payload) {
        if (payload instanceof OrderPlaced placed && state.getStage() == FulfilmentStage.NOT_STARTED) {
            List<Reservation> lines = placed.getLines().stream().map(OrderFulfilment::waiting).toList();
            return new OrderFulfilmentState(FulfilmentStage.APPROVING_CUSTOMER, placed.getCustomerId(), lines);
        }
        if (state.getStage() == FulfilmentStage.NOT_STARTED) {
            return state; // the instance has finished (or never started): nothing to track
        }
        if (payload instanceof OrderConfirmed) {
            return withStage(state, FulfilmentStage.CONFIRMED);
        }
        if (payload instanceof OrderCancelled) {
            return withLines(state, FulfilmentStage.CANCELLED, replace(state, ReservationStatus.RESERVED,
                    ReservationStatus.RELEASED));
        }
        if (payload instanceof OrderShipped || payload instanceof OrderDelivered) {
            return withStage(state, FulfilmentStage.DONE);
        }
        return state;
    }

    private OrderFulfilmentState evolveOnReservation(OrderFulfilmentState state, CommandResult result) {
        String productId = result.getAggregateId();
        FulfilmentStage stage = state.getStage();
        if (accepted(result)) {
            boolean releasing = stage == FulfilmentStage.CANCELLING || stage == FulfilmentStage.CANCELLED;
            List<Reservation> lines = set(state, productId,
                    releasing ? ReservationStatus.RELEASED : ReservationStatus.RESERVED);
            boolean complete = stage == FulfilmentStage.RESERVING && allReservedOnce(state, productId);
            return withLines(state, complete ? FulfilmentStage.CONFIRMING : stage, lines);
        }
        List<Reservation> lines = set(state, productId, ReservationStatus.REFUSED);
        if (stage != FulfilmentStage.RESERVING) {
            return withLines(state, stage, lines);
        }
        List<Reservation> released = lines.stream().map(line -> line.getStatus() == ReservationStatus.RESERVED
                ? new Reservation(line.getProductId(), line.getQuantity(), ReservationStatus.RELEASED) : line).toList();
        return withLines(state, FulfilmentStage.CANCELLING, released);
    }

    @Override
    public boolean isTerminal(OrderFulfilmentState state) {
        return state.getStage() == FulfilmentStage.DONE || state.getStage() == FulfilmentStage.CANCELLED
                && state.getLines().stream().noneMatch(line -> line.getStatus() == ReservationStatus.REQUESTED);
    }

    private static boolean accepted(CommandResult result) {
        return result.getStatus() == CommandStatus.ACCEPTED;
    }

    private static boolean isReservation(CommandResult result) {
        return result.getCommandId().startsWith(PREFIX + result.getCorrelationId() + ":reserve:");
    }

    /** True when the line for {@code productId} is the last one still awaiting its reservation. */
    private static boolean allReservedOnce(OrderFulfilmentState state, String productId) {
        return state.getLines().stream().allMatch(line -> line.getProductId().equals(productId)
                || line.getStatus() == ReservationStatus.RESERVED);
    }

    private static List<ProcessCommand> releaseReserved(OrderFulfilmentState state, String orderId) {
        return state.getLines().stream().filter(line -> line.getStatus() == ReservationStatus.RESERVED)
                .map(line -> release(orderId, line.getProductId())).toList();
    }

    private static ProcessCommand release(String orderId, String productId) {
        return command("product", productId, orderId, "release:" + productId, new ReleaseStock(orderId));
    }

    private static ProcessCommand cancel(String orderId, String reason) {
        return command("order", orderId, orderId, "cancel", new CancelOrder(reason));
    }

    private static ProcessCommand command(String type, String aggregateId, String orderId, String step,
                                          SpecificRecord payload) {
        String commandId = PREFIX + orderId + ":" + step;
        return new ProcessCommand(type, aggregateId, commandId, orderId, orderId, payload);
    }

    private static Reservation waiting(OrderLine line) {
        return new Reservation(line.getProductId(), line.getQuantity(), ReservationStatus.WAITING);
    }

    private static List<Reservation> all(OrderFulfilmentState state, ReservationStatus status) {
        return state.getLines().stream().map(l -> new Reservation(l.getProductId(), l.getQuantity(), status)).toList();
    }

    private static List<Reservation> replace(OrderFulfilmentState state, ReservationStatus from,
                                             ReservationStatus to) {
        return state.getLines().stream().map(l -> l.getStatus() == from
                ? new Reservation(l.getProductId(), l.getQuantity(), to) : l).toList();
    }

    private static List<Reservation> set(OrderFulfilmentState state, String productId, ReservationStatus status) {
        return state.getLines().stream().map(l -> l.getProductId().equals(productId)
                ? new Reservation(l.getProductId(), l.getQuantity(), status) : l).toList();
    }

    private static OrderFulfilmentState withStage(OrderFulfilmentState state, FulfilmentStage stage) {
        return new OrderFulfilmentState(stage, state.getCustomerId(), state.getLines());
    }

    private static OrderFulfilmentState withLines(OrderFulfilmentState state, FulfilmentStage stage,
                                                  List<Reservation> lines) {
        return new OrderFulfilmentState(stage, state.getCustomerId(), lines);
    }
}
