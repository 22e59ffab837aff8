package io.eventloom.shop.product;

import io.eventloom.core.Decider;
import io.eventloom.core.Decision;
import io.eventloom.shop.Amounts;
import io.eventloom.shop.Money;
import io.eventloom.shop.Validation;
import org.apache.avro.specific.SpecificRecord;

import java.util.HashMap;
import java.util.Map;

import static io.eventloom.shop.RejectionCodes.ALREADY_EXISTS;
import static io.eventloom.shop.RejectionCodes.NOT_FOUND;
import static io.eventloom.shop.RejectionCodes.OUT_OF_STOCK;
import static io.eventloom.shop.RejectionCodes.PRICE_MISMATCH;
import static io.eventloom.shop.RejectionCodes.PRODUCT_DISCONTINUED;
import static io.eventloom.shop.RejectionCodes.RESERVATION_CONFLICT;

/**
 * Decides product commands: catalogue data, price, and stock held per order so it never goes below zero. An order's
 * reservation is held until it is released (the order is cancelled) or settled (it shipped), so the state holds
 * only the orders in flight, never every order the product ever had.
 */
public final class ProductDecider implements Decider<SpecificRecord, SpecificRecord, ProductState> {

    @Override
    public ProductState initialState() {
        // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
        // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
        return ProductState.newBuilder()
                .setStatus(ProductStatus.NONE)
                .setSku("")
                .setName("")
                .setPrice(null)
                .setAvailableStock(0)
                .setReservations(Map.of())
                .build();
    }

    @Override
    public Decision<SpecificRecord> decide(SpecificRecord command, ProductState state) {
        if (command instanceof CreateProduct create) {
            return create(create, state);
        }
        if (command instanceof ChangePrice change) {
            return exists(state) ? changePrice(change, state) : notFound();
        }
        if (command instanceof Restock restock) {
            return exists(state) ? restock(restock, state) : notFound();
        }
        if (command instanceof ReserveStock reserve) {
            return exists(state) ? reserve(reserve, state) : notFound();
        }
        if (command instanceof ReleaseStock release) {
            return exists(state) ? release(release, state) : notFound();
        }
        if (command instanceof Discontinue) {
            return exists(state) ? discontinue(state) : notFound();
        }
        if (command instanceof SettleReservation settle) {
            return exists(state) ? settle(settle, state) : notFound();
        }
        throw new IllegalStateException("not a product command: " + command.getClass().getName());
    }

    @Override
    public ProductState evolve(ProductState state, SpecificRecord event) {
        ProductState.Builder next = copyOf(state);
        if (event instanceof ProductCreated created) {
            next.setStatus(ProductStatus.ACTIVE)
                    .setSku(created.getSku())
                    .setName(created.getName())
                    .setPrice(created.getPrice())
                    .setAvailableStock(created.getInitialStock());
        } else if (event instanceof PriceChanged changed) {
            next.setPrice(changed.getPrice());
        } else if (event instanceof StockRestocked restocked) {
            next.setAvailableStock(state.getAvailableStock() + restocked.getQuantity());
        } else if (event instanceof StockReserved reserved) {
            Map<String, Integer> reservations = new HashMap<>(state.getReservations());
            reservations.put(reserved.getOrderId(), reserved.getQuantity());
            next.setAvailableStock(state.getAvailableStock() - reserved.getQuantity()).setReservations(reservations);
        } else if (event instanceof StockReleased released) {
            Map<String, Integer> reservations = new HashMap<>(state.getReservations());
            reservations.remove(released.getOrderId());
            next.setAvailableStock(state.getAvailableStock() + released.getQuantity()).setReservations(reservations);
        } else if (event instanceof ReservationSettled settled) {
            // The units left with the order: available stock gave them up when they were reserved.
            Map<String, Integer> reservations = new HashMap<>(state.getReservations());
            reservations.remove(settled.getOrderId());
            next.setReservations(reservations);
        } else if (event instanceof ProductDiscontinued) {
            next.setStatus(ProductStatus.DISCONTINUED);
        } else {
            throw new IllegalStateException("not a product event: " + event.getClass().getName());
        }
        return next.build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no state is ever mutated.
    private static ProductState.Builder copyOf(ProductState state) {
        return ProductState.newBuilder()
                .setStatus(state.getStatus())
                .setSku(state.getSku())
                .setName(state.getName())
                .setPrice(state.getPrice())
                .setAvailableStock(state.getAvailableStock())
                .setReservations(state.getReservations());
    }

    private static Decision<SpecificRecord> create(CreateProduct command, ProductState state) {
        if (exists(state)) {
            return Decision.reject(ALREADY_EXISTS, "product " + state.getSku() + " already exists");
        }
        return Validation.check()
                .notBlank("sku", command.getSku())
                .notBlank("name", command.getName())
                .positive("price", command.getPrice())
                .notNegative("initialStock", command.getInitialStock())
                .require(command.getCategory() == null || !command.getCategory().isBlank(),
                        "category must not be blank when given")
                .ifValid(() -> Decision.accept(new ProductCreated(command.getSku(), command.getName(),
                        command.getPrice(), command.getInitialStock(), command.getCategory())));
    }

    private static Decision<SpecificRecord> changePrice(ChangePrice command, ProductState state) {
        if (isDiscontinued(state)) {
            return discontinued(state);
        }
        return Validation.check()
                .positive("price", command.getPrice())
                .ifValid(() -> command.getPrice().equals(state.getPrice())
                        ? Decision.accept()
                        : Decision.accept(new PriceChanged(command.getPrice(), state.getPrice())));
    }

    private static Decision<SpecificRecord> restock(Restock command, ProductState state) {
        if (isDiscontinued(state)) {
            return discontinued(state);
        }
        return Validation.check()
                .positive("quantity", command.getQuantity())
                .ifValid(() -> Decision.accept(new StockRestocked(command.getQuantity())));
    }

    private static Decision<SpecificRecord> reserve(ReserveStock command, ProductState state) {
        return Validation.check()
                .notBlank("orderId", command.getOrderId())
                .positive("quantity", command.getQuantity())
                .ifValid(() -> reserveValid(command, state));
    }

    private static Decision<SpecificRecord> reserveValid(ReserveStock command, ProductState state) {
        String orderId = command.getOrderId();
        Integer held = state.getReservations().get(orderId);
        if (held != null) {
            // A retried reservation (say, a saga resending after a timeout) must not hold stock twice.
            return held == command.getQuantity() ? Decision.accept() : Decision.reject(RESERVATION_CONFLICT,
                    "order " + orderId + " already holds " + held + " of " + state.getSku()
                            + ", cannot reserve " + command.getQuantity());
        }
        if (isDiscontinued(state)) {
            return discontinued(state);
        }
        Money unitPrice = command.getUnitPrice();
        if (unitPrice != null && !unitPrice.equals(state.getPrice())) {
            // The order's price is the client's word until here: the product's current price is what is charged.
            // Starts with "price changed: <sku>" so that a process can pass it on as a cancellation reason.
            return Decision.reject(PRICE_MISMATCH, "price changed: " + state.getSku() + " costs "
                    + Amounts.inMajorUnits(state.getPrice()) + ", the order has " + Amounts.inMajorUnits(unitPrice));
        }
        if (command.getQuantity() > state.getAvailableStock()) {
            // Starts with "out of stock: <sku>" so that a process can pass it on as a cancellation reason.
            return Decision.reject(OUT_OF_STOCK, "out of stock: " + state.getSku() + " (order " + orderId
                    + " asks for " + command.getQuantity() + ", only " + state.getAvailableStock() + " available)");
        }
        return Decision.accept(new StockReserved(orderId, command.getQuantity()));
    }

    private static Decision<SpecificRecord> release(ReleaseStock command, ProductState state) {
        Integer held = state.getReservations().get(command.getOrderId());
        // Releasing what is not held is already done: compensation may run twice or before any reservation.
        return held == null ? Decision.accept() : Decision.accept(new StockReleased(command.getOrderId(), held));
    }

    private static Decision<SpecificRecord> settle(SettleReservation command, ProductState state) {
        Integer held = state.getReservations().get(command.getOrderId());
        // Settling what is not held is already done: a process may resend it, or the order was released before.
        return held == null ? Decision.accept()
                : Decision.accept(new ReservationSettled(command.getOrderId(), held));
    }

    private static Decision<SpecificRecord> discontinue(ProductState state) {
        return isDiscontinued(state) ? Decision.accept() : Decision.accept(new ProductDiscontinued());
    }

    private static boolean exists(ProductState state) {
        return state.getStatus() != ProductStatus.NONE;
    }

    private static boolean isDiscontinued(ProductState state) {
        return state.getStatus() == ProductStatus.DISCONTINUED;
    }

    private static Decision<SpecificRecord> notFound() {
        return Decision.reject(NOT_FOUND, "product does not exist");
    }

    private static Decision<SpecificRecord> discontinued(ProductState state) {
        return Decision.reject(PRODUCT_DISCONTINUED, "product " + state.getSku() + " is discontinued");
    }
}
