package io.eventloom.shop.fulfilment;

import io.eventloom.core.ProcessCommand;
import io.eventloom.core.ProcessInput;
import io.eventloom.core.ProcessManager;
import io.eventloom.core.ProcessType;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.shop.customer.ApproveOrder;
import io.eventloom.shop.order.CancelOrder;
import io.eventloom.shop.order.ConfirmOrder;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderShipped;
import io.eventloom.shop.product.ReleaseStock;
import io.eventloom.shop.product.ReserveStock;
import io.eventloom.shop.product.SettleReservation;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stock reservation saga, one instance per order. OrderPlaced: ask the customer to approve, then reserve each
 * line's stock at the order's price; all reserved: confirm the order; shipped: settle the reservations. The
 * customer refusing, a reservation refused (out of stock, price changed, discontinued) or a step without an answer
 * within the step timeout: release what was reserved and cancel the order with the reason. An order cancelled
 * later releases its stock.
 *
 * <p>Every command carries the client's correlation id, and its id is derived from the order and the step, so a
 * replayed input never applies a step twice. An answer is matched to its step by comparing its command id with the
 * ids this process derives, never by taking a command id apart.
 */
public final class OrderFulfilment implements ProcessManager<OrderFulfilmentState> {

    public static final String NAME = "order-fulfilment";
    /** Machine steps answer in milliseconds; five minutes rides out a registry or broker outage of a few. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);
    public static final ProcessType<OrderFulfilmentState> TYPE = type(DEFAULT_STEP_TIMEOUT);

    private static final Set<FulfilmentStage> WAITING_ON_A_STEP = EnumSet.of(FulfilmentStage.APPROVING_CUSTOMER,
            FulfilmentStage.RESERVING, FulfilmentStage.CONFIRMING);

    private final Duration stepTimeout;

    public OrderFulfilment(Duration stepTimeout) {
        this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("the step timeout must be positive, was " + stepTimeout);
        }
    }

    /** The saga as the runtime registers it, giving up on a step after {@code stepTimeout}. */
    public static ProcessType<OrderFulfilmentState> type(Duration stepTimeout) {
        return new ProcessType<>(NAME, new OrderFulfilment(stepTimeout), OrderFulfilmentState.class, "order",
                List.of("order"), List.of("customer", "product"), List.of("customer", "product", "order"));
    }

    @Override
    public OrderFulfilmentState initialState() {
        return new OrderFulfilmentState(FulfilmentStage.NOT_STARTED, "", List.of(), "", Instant.EPOCH);
    }

    @Override
    public Optional<String> instanceOf(ProcessInput.Event event) {
        return Optional.of(event.event().aggregateId());
    }

    @Override
    public Optional<Instant> deadline(OrderFulfilmentState state) {
        return WAITING_ON_A_STEP.contains(state.getStage())
                ? Optional.of(state.getStepStartedAt().plus(stepTimeout)) : Optional.empty();
    }

    /** The stage in lower case: {@code approving_customer}, {@code reserving}, … {@code done}. */
    @Override
    public String step(OrderFulfilmentState state) {
        return state.getStage().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isTerminal(OrderFulfilmentState state) {
        return state.getStage() == FulfilmentStage.DONE || state.getStage() == FulfilmentStage.CANCELLED
                && state.getLines().stream().noneMatch(line -> line.getStatus() == ReservationStatus.REQUESTED);
    }

    // ---- react: the commands for an input, decided on the state before it

    @Override
    public List<ProcessCommand> react(OrderFulfilmentState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            return reactToOrder(state, event.event());
        }
        if (input instanceof ProcessInput.Result answer) {
            return reactToAnswer(state, answer);
        }
        if (input instanceof ProcessInput.Timeout timeout && WAITING_ON_A_STEP.contains(state.getStage())) {
            return abandon(state, timeout.instance(), "not fulfilled in time: " + waitingOn(state)
                    + " did not answer within " + stepTimeout, "timeout at " + timeout.now());
        }
        return List.of();
    }

    private List<ProcessCommand> reactToOrder(OrderFulfilmentState state, StoredEvent event) {
        String orderId = event.aggregateId();
        SpecificRecord payload = event.payload();
        if (payload instanceof OrderPlaced placed && state.getStage() == FulfilmentStage.NOT_STARTED) {
            return List.of(command("customer", placed.getCustomerId(), orderId, Step.APPROVE, null,
                    event.correlationId(), event.eventId(), new ApproveOrder(orderId)));
        }
        if (payload instanceof OrderCancelled) {
            return releaseReserved(state, orderId, event.eventId());
        }
        if (payload instanceof OrderShipped && state.getStage() == FulfilmentStage.CONFIRMED) {
            // Shipped units have left: the products stop holding them for the order, so reservations stay few.
            return state.getLines().stream().filter(line -> line.getStatus() == ReservationStatus.RESERVED)
                    .map(line -> command("product", line.getProductId(), orderId, Step.SETTLE, line.getProductId(),
                            state.getCorrelationId(), event.eventId(), new SettleReservation(orderId))).toList();
        }
        return List.of();
    }

    private List<ProcessCommand> reactToAnswer(OrderFulfilmentState state, ProcessInput.Result answer) {
        CommandResult result = answer.result();
        String orderId = result.getProcessInstance();
        FulfilmentStage stage = state.getStage();
        if (isAnswerTo(answer, "customer", orderId, Step.APPROVE, null)) {
            if (stage != FulfilmentStage.APPROVING_CUSTOMER) {
                return List.of();
            }
            return accepted(result) ? reserveEvery(state, orderId, result.getCommandId())
                    : List.of(cancel(state, orderId, "customer cannot order: " + result.getRejectionMessage(),
                    result.getCommandId()));
        }
        Optional<Reservation> line = reservationAnswered(state, answer, orderId);
        if (line.isEmpty()) {
            return List.of();
        }
        String productId = line.get().getProductId();
        if (accepted(result)) {
            if (stage == FulfilmentStage.RESERVING && othersReserved(state, productId)) {
                return List.of(command("order", orderId, orderId, Step.CONFIRM, null, state.getCorrelationId(),
                        result.getCommandId(), new ConfirmOrder()));
            }
            // Reserved after the order was given up: hand the units back.
            return stage == FulfilmentStage.CANCELLING || stage == FulfilmentStage.CANCELLED
                    ? List.of(release(state, orderId, productId, result.getCommandId())) : List.of();
        }
        return stage == FulfilmentStage.RESERVING
                ? abandon(state, orderId, result.getRejectionMessage(), result.getCommandId()) : List.of();
    }

    private List<ProcessCommand> reserveEvery(OrderFulfilmentState state, String orderId, String causation) {
        return state.getLines().stream().map(line -> command("product", line.getProductId(), orderId, Step.RESERVE,
                line.getProductId(), state.getCorrelationId(), causation,
                new ReserveStock(orderId, line.getQuantity(), line.getUnitPrice()))).toList();
    }

    /** Releases what is reserved and cancels the order with the reason. */
    private List<ProcessCommand> abandon(OrderFulfilmentState state, String orderId, String reason,
                                         String causation) {
        List<ProcessCommand> commands = new ArrayList<>(releaseReserved(state, orderId, causation));
        commands.add(cancel(state, orderId, reason, causation));
        return commands;
    }

    private List<ProcessCommand> releaseReserved(OrderFulfilmentState state, String orderId, String causation) {
        return state.getLines().stream().filter(line -> line.getStatus() == ReservationStatus.RESERVED)
                .map(line -> release(state, orderId, line.getProductId(), causation)).toList();
    }

    private static ProcessCommand release(OrderFulfilmentState state, String orderId, String productId,
                                          String causation) {
        return command("product", productId, orderId, Step.RELEASE, productId, state.getCorrelationId(), causation,
                new ReleaseStock(orderId));
    }

    private static ProcessCommand cancel(OrderFulfilmentState state, String orderId, String reason,
                                         String causation) {
        return command("order", orderId, orderId, Step.CANCEL, null, state.getCorrelationId(), causation,
                new CancelOrder(reason));
    }

    // ---- evolve: the state after an input

    @Override
    public OrderFulfilmentState evolve(OrderFulfilmentState state, ProcessInput input) {
        if (input instanceof ProcessInput.Event event) {
            return evolveOnOrderEvent(state, event.event());
        }
        if (state.getStage() == FulfilmentStage.NOT_STARTED) {
            return state; // a late answer or timeout for an instance that has finished
        }
        if (input instanceof ProcessInput.Result answer) {
            return evolveOnAnswer(state, answer);
        }
        return WAITING_ON_A_STEP.contains(state.getStage())
                ? with(state, FulfilmentStage.CANCELLING, replace(state, ReservationStatus.RESERVED,
                ReservationStatus.RELEASED), state.getStepStartedAt())
                : state;
    }

    private OrderFulfilmentState evolveOnOrderEvent(OrderFulfilmentState state, StoredEvent event) {
        SpecificRecord payload = event.payload();
        if (payload instanceof OrderPlaced placed && state.getStage() == FulfilmentStage.NOT_STARTED) {
            List<Reservation> lines = placed.getLines().stream().map(OrderFulfilment::waiting).toList();
            return new OrderFulfilmentState(FulfilmentStage.APPROVING_CUSTOMER, placed.getCustomerId(), lines,
                    event.correlationId(), event.occurredAt());
        }
        if (state.getStage() == FulfilmentStage.NOT_STARTED) {
            return state; // the instance has finished (or never started): nothing to track
        }
        if (payload instanceof OrderConfirmed && state.getStage() == FulfilmentStage.CONFIRMING) {
            return with(state, FulfilmentStage.CONFIRMED, state.getLines(), state.getStepStartedAt());
        }
        if (payload instanceof OrderCancelled) {
            return with(state, FulfilmentStage.CANCELLED, replace(state, ReservationStatus.RESERVED,
                    ReservationStatus.RELEASED), state.getStepStartedAt());
        }
        if (payload instanceof OrderShipped) {
            return with(state, FulfilmentStage.DONE, state.getLines(), state.getStepStartedAt());
        }
        return state;
    }

    private OrderFulfilmentState evolveOnAnswer(OrderFulfilmentState state, ProcessInput.Result answer) {
        CommandResult result = answer.result();
        String orderId = result.getProcessInstance();
        FulfilmentStage stage = state.getStage();
        if (isAnswerTo(answer, "customer", orderId, Step.APPROVE, null)) {
            if (stage != FulfilmentStage.APPROVING_CUSTOMER) {
                return state;
            }
            return accepted(result)
                    ? with(state, FulfilmentStage.RESERVING, all(state, ReservationStatus.REQUESTED),
                    result.getProcessedAt())
                    : with(state, FulfilmentStage.CANCELLING, state.getLines(), state.getStepStartedAt());
        }
        Optional<Reservation> line = reservationAnswered(state, answer, orderId);
        if (line.isEmpty()) {
            return state;
        }
        String productId = line.get().getProductId();
        if (accepted(result)) {
            boolean givenUp = stage == FulfilmentStage.CANCELLING || stage == FulfilmentStage.CANCELLED;
            List<Reservation> lines = set(state, productId,
                    givenUp ? ReservationStatus.RELEASED : ReservationStatus.RESERVED);
            boolean complete = stage == FulfilmentStage.RESERVING && othersReserved(state, productId);
            return complete ? with(state, FulfilmentStage.CONFIRMING, lines, result.getProcessedAt())
                    : with(state, stage, lines, state.getStepStartedAt());
        }
        List<Reservation> lines = set(state, productId, ReservationStatus.REFUSED);
        if (stage != FulfilmentStage.RESERVING) {
            return with(state, stage, lines, state.getStepStartedAt());
        }
        List<Reservation> released = lines.stream().map(l -> l.getStatus() == ReservationStatus.RESERVED
                ? reservation(l, ReservationStatus.RELEASED) : l).toList();
        return with(state, FulfilmentStage.CANCELLING, released, state.getStepStartedAt());
    }

    // ---- matching answers to steps

    /** The process's own steps; each derives one command id per order (and product, for stock steps). */
    enum Step {
        APPROVE("approve-customer"), RESERVE("reserve"), RELEASE("release"), SETTLE("settle"), CONFIRM("confirm"),
        CANCEL("cancel");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        String commandId(String orderId, String productId) {
            return NAME + ":" + orderId + ":" + label + (productId == null ? "" : ":" + productId);
        }
    }

    private static boolean isAnswerTo(ProcessInput.Result answer, String type, String orderId, Step step,
                                      String productId) {
        return answer.aggregateType().equals(type)
                && answer.result().getCommandId().equals(step.commandId(orderId, productId));
    }

    /** The line whose reservation this answer is, if it is one. */
    private static Optional<Reservation> reservationAnswered(OrderFulfilmentState state, ProcessInput.Result answer,
                                                             String orderId) {
        return state.getLines().stream()
                .filter(line -> isAnswerTo(answer, "product", orderId, Step.RESERVE, line.getProductId()))
                .findFirst();
    }

    private static boolean accepted(CommandResult result) {
        return result.getStatus() == CommandStatus.ACCEPTED;
    }

    private static boolean othersReserved(OrderFulfilmentState state, String productId) {
        return state.getLines().stream().allMatch(line -> line.getProductId().equals(productId)
                || line.getStatus() == ReservationStatus.RESERVED);
    }

    private static String waitingOn(OrderFulfilmentState state) {
        return switch (state.getStage()) {
            case APPROVING_CUSTOMER -> "customer " + state.getCustomerId();
            case RESERVING -> "stock of " + state.getLines().stream()
                    .filter(line -> line.getStatus() == ReservationStatus.REQUESTED)
                    .map(Reservation::getProductId).toList();
            default -> "the order's confirmation";
        };
    }

    private static ProcessCommand command(String type, String aggregateId, String orderId, Step step,
                                          String productId, String correlationId, String causation,
                                          SpecificRecord payload) {
        return new ProcessCommand(type, aggregateId, step.commandId(orderId, productId), correlationId, causation,
                payload);
    }

    private static Reservation waiting(OrderLine line) {
        return new Reservation(line.getProductId(), line.getQuantity(), ReservationStatus.WAITING,
                line.getUnitPrice());
    }

    private static Reservation reservation(Reservation line, ReservationStatus status) {
        return new Reservation(line.getProductId(), line.getQuantity(), status, line.getUnitPrice());
    }

    private static List<Reservation> all(OrderFulfilmentState state, ReservationStatus status) {
        return state.getLines().stream().map(l -> reservation(l, status)).toList();
    }

    private static List<Reservation> replace(OrderFulfilmentState state, ReservationStatus from,
                                             ReservationStatus to) {
        return state.getLines().stream().map(l -> l.getStatus() == from ? reservation(l, to) : l).toList();
    }

    private static List<Reservation> set(OrderFulfilmentState state, String productId, ReservationStatus status) {
        return state.getLines().stream().map(l -> l.getProductId().equals(productId) ? reservation(l, status) : l)
                .toList();
    }

    private static OrderFulfilmentState with(OrderFulfilmentState state, FulfilmentStage stage,
                                             List<Reservation> lines, Instant stepStartedAt) {
        return new OrderFulfilmentState(stage, state.getCustomerId(), lines, state.getCorrelationId(),
                stepStartedAt);
    }
}
