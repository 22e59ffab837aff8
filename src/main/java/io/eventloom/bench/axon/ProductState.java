package io.eventloom.bench.axon;

import io.eventloom.bench.axon.ProductEvent.ProductCreated;
import io.eventloom.bench.axon.ProductEvent.StockRestocked;

/** What the Axon peer's product keeps between commands, as the shop's product does: available stock and version. */
record ProductState(long availableStock, long version) {

    static final ProductState INITIAL = new ProductState(0, 0);

    ProductState evolve(ProductEvent event) {
        if (event instanceof ProductCreated created) {
            return new ProductState(created.initialStock(), version + 1);
        }
        if (event instanceof StockRestocked restocked) {
            return new ProductState(availableStock + restocked.quantity(), version + 1);
        }
        throw new IllegalStateException("not a product event: " + event.getClass().getName());
    }
}
