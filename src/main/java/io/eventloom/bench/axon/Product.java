package io.eventloom.bench.axon;

import io.eventloom.bench.axon.ProductCommand.CreateProduct;
import io.eventloom.bench.axon.ProductCommand.Restock;
import io.eventloom.bench.axon.ProductEvent.ProductCreated;
import io.eventloom.bench.axon.ProductEvent.StockRestocked;
import io.eventloom.core.Decision;
import io.eventloom.shop.Money;
import io.eventloom.shop.Validation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * The shop's product as an Axon event-sourced aggregate, for the commands the bench sends. The checks are the
 * shop's own {@link Validation} calls, so both sides refuse the same commands for the same reasons and do the same
 * work to accept one. A product that does not exist is Axon's {@code AggregateNotFoundException}; a second
 * creation is refused by the event table's unique (aggregate, sequence) key, as Axon intends, not by this class.
 */
final class Product {

    @AggregateIdentifier
    private String productId;
    private ProductState state = ProductState.INITIAL;

    // Axon instantiates an empty product and replays its events into it.
    Product() {
    }

    @CommandHandler
    Product(CreateProduct command) {
        enact(Validation.check()
                .notBlank("sku", command.sku())
                .notBlank("name", command.name())
                .positive("price", new Money(command.priceMinor(), command.currency()))
                .notNegative("initialStock", command.initialStock())
                .ifValid(() -> Decision.accept(new ProductCreated(command.productId(), command.sku(),
                        command.name(), command.priceMinor(), command.currency(), command.initialStock()))));
    }

    @CommandHandler
    void handle(Restock command) {
        enact(Validation.check()
                .positive("quantity", command.quantity())
                .ifValid(() -> Decision.accept(new StockRestocked(productId, command.quantity()))));
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        state = state.evolve(event);
    }

    @EventSourcingHandler
    void on(StockRestocked event) {
        state = state.evolve(event);
    }

    // The shop's decisions are values; Axon's handlers apply events or throw, so the value is turned into that here.
    private static void enact(Decision<ProductEvent> decision) {
        if (decision instanceof Decision.Rejected<ProductEvent> rejected) {
            throw new ProductRejectedException(rejected.code(), rejected.message());
        }
        if (decision instanceof Decision.Accepted<ProductEvent> accepted) {
            accepted.events().forEach(AggregateLifecycle::apply);
            return;
        }
        throw new IllegalStateException("not a decision: " + decision);
    }
}
