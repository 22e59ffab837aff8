package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;
import io.eventloom.shop.product.PriceChanged;
import io.eventloom.shop.product.ProductCreated;
import io.eventloom.shop.product.ProductDiscontinued;
import io.eventloom.shop.product.ProductStatus;
import io.eventloom.shop.product.ReservationSettled;
import io.eventloom.shop.product.StockReleased;
import io.eventloom.shop.product.StockReserved;
import io.eventloom.shop.product.StockRestocked;
import org.apache.avro.specific.SpecificRecord;

/** The {@code product-catalog} projection: product id to catalogue data, stock and status. */
public final class ProductCatalog {

    public static final ProjectionType<ProductCatalogRow> TYPE = ProjectionType.fold("product-catalog",
            ProductCatalogRow.class, "product", ProductCatalog::apply);

    private ProductCatalog() {
    }

    /** The row after one product event; {@code row} is null before the product's first event. */
    static ProductCatalogRow apply(ProductCatalogRow row, StoredEvent event) {
        SpecificRecord payload = event.payload();
        if (payload instanceof ProductCreated created) {
            return ProductCatalogRow.newBuilder()
                    .setProductId(event.aggregateId())
                    .setSku(created.getSku())
                    .setName(created.getName())
                    .setPrice(created.getPrice())
                    .setAvailableStock(created.getInitialStock())
                    .setReservedStock(0)
                    .setStatus(ProductStatus.ACTIVE)
                    .setVersion(event.version())
                    .setCategory(created.getCategory())
                    .build();
        }
        if (row == null) {
            throw new IllegalStateException("product " + event.aggregateId() + " has "
                    + payload.getClass().getSimpleName() + " before ProductCreated");
        }
        ProductCatalogRow.Builder next = copyOf(row).setVersion(event.version());
        if (payload instanceof PriceChanged changed) {
            next.setPrice(changed.getPrice());
        } else if (payload instanceof StockRestocked restocked) {
            next.setAvailableStock(row.getAvailableStock() + restocked.getQuantity());
        } else if (payload instanceof StockReserved reserved) {
            next.setAvailableStock(row.getAvailableStock() - reserved.getQuantity())
                    .setReservedStock(row.getReservedStock() + reserved.getQuantity());
        } else if (payload instanceof StockReleased released) {
            next.setAvailableStock(row.getAvailableStock() + released.getQuantity())
                    .setReservedStock(row.getReservedStock() - released.getQuantity());
        } else if (payload instanceof ReservationSettled settled) {
            // Shipped: the units are no longer held, and were taken from available stock when reserved.
            next.setReservedStock(row.getReservedStock() - settled.getQuantity());
        } else if (payload instanceof ProductDiscontinued) {
            next.setStatus(ProductStatus.DISCONTINUED);
        } else {
            throw new IllegalStateException("not a product event: " + payload.getClass().getName());
        }
        return next.build();
    }

    // Every field set, no newBuilder(other): a generated builder makes defaults and copies with a SpecificData
    // that loads our generated classes by name only under a JVM-wide Avro trust, which Eventloom does not install.
    // The field values are shared, which is safe: no row is ever mutated.
    private static ProductCatalogRow.Builder copyOf(ProductCatalogRow row) {
        return ProductCatalogRow.newBuilder()
                .setProductId(row.getProductId())
                .setSku(row.getSku())
                .setName(row.getName())
                .setPrice(row.getPrice())
                .setAvailableStock(row.getAvailableStock())
                .setReservedStock(row.getReservedStock())
                .setStatus(row.getStatus())
                .setVersion(row.getVersion())
                .setCategory(row.getCategory());
    }
}
