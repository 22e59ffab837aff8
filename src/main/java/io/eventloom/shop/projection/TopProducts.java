package io.eventloom.shop.projection;

import io.eventloom.core.OrderedKeys;
import io.eventloom.core.ProjectionType;

/**
 * The {@code top-products} projection: the rows of {@link ProductSales} keyed by rank, so that reading it in key
 * order (the paged read, {@code GET /api/projections/top-products?limit=5}) lists the best sellers first. Each key
 * holds exactly one product's row and a product has one key at a time: when its units change, its row moves to
 * the new rank key and the old key is deleted. A product with no units ordered is not ranked.
 */
public final class TopProducts {

    public static final ProjectionType<ProductSalesRow> TYPE = ProjectionType.regroup("top-products",
            ProductSalesRow.class, ProductSales.TYPE, TopProducts::rankKey, TopProducts::empty, TopProducts::add,
            TopProducts::remove);

    private TopProducts() {
    }

    /**
     * The key that ranks a product with these units ordered (at least one): more units sort first, ties by product
     * id. Keys compare as UTF-8 bytes (the stores' order); the rank is fixed-width digits, so byte order is numeric.
     */
    public static String key(long unitsOrdered, String productId) {
        if (unitsOrdered <= 0) {
            throw new IllegalArgumentException("only a product with units ordered is ranked, was " + unitsOrdered);
        }
        return OrderedKeys.padded(Long.MAX_VALUE - unitsOrdered) + ":" + productId;
    }

    /** The product's rank key, or null for a product with no units ordered, which Kafka Streams' regroup drops. */
    static String rankKey(ProductSalesRow sales) {
        return sales.getUnitsOrdered() > 0 ? key(sales.getUnitsOrdered(), sales.getProductId()) : null;
    }

    static ProductSalesRow empty() {
        return new ProductSalesRow("", "", 0L, 0L);
    }

    /** A rank key holds one product: its row is the product's row as it is now. */
    static ProductSalesRow add(ProductSalesRow ranked, ProductSalesRow sales) {
        return sales;
    }

    /**
     * The product leaves this rank key: null, which deletes the key (Kafka Streams stores a null aggregate as a
     * delete), so a product never stays listed at a rank it no longer has.
     */
    static ProductSalesRow remove(ProductSalesRow ranked, ProductSalesRow sales) {
        return null;
    }
}
