package io.eventloom.bench.axon;

import io.eventloom.bench.axon.ProductCommand.CreateProduct;
import io.eventloom.bench.axon.ProductCommand.Restock;

/**
 * The peer's commands, the same as the Eventloom bench sends: one {@code CreateProduct} per product (price 10.00
 * EUR, no stock), then {@code Restock}s of one unit round-robin over the products. Each appends one event.
 */
record PeerLoad(int products) {

    static final long PRICE_MINOR = 1_000L;
    static final String CURRENCY = "EUR";
    static final int RESTOCK_QUANTITY = 1;

    PeerLoad {
        if (products < 1) {
            throw new IllegalArgumentException("need at least one product, was " + products);
        }
    }

    String productId(long n) {
        return "product-" + n % products;
    }

    CreateProduct create(long product) {
        return new CreateProduct(productId(product), "SKU-" + product, "Bench product " + product, PRICE_MINOR,
                CURRENCY, 0);
    }

    /** The n-th restock of the run: numbered on across the closed and open loops, so the round-robin continues. */
    Restock restock(long n) {
        return new Restock(productId(n), RESTOCK_QUANTITY);
    }
}
