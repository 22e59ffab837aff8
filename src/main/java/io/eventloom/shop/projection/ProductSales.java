package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.core.StoredEvent;
import io.eventloom.shop.product.PriceChanged;
import io.eventloom.shop.product.ProductCreated;
import io.eventloom.shop.product.ProductDiscontinued;
import io.eventloom.shop.product.ReservationSettled;
import io.eventloom.shop.product.StockReleased;
import io.eventloom.shop.product.StockReserved;
import io.eventloom.shop.product.StockRestocked;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code product-sales} projection: product id to the units ordered of it. Counted from the product's own
 * reservations, one small row per product, so no row holds the whole shop: a reservation adds its units, a release
 * (the order was cancelled or refused) takes them back, and settling (the order shipped) leaves them sold.
 */
public final class ProductSales {

    public static final ProjectionType<ProductSalesRow> TYPE = ProjectionType.fold("product-sales",
            ProductSalesRow.class, "product", ProductSales::apply);

    private ProductSales() {
    }

    /** The row after one product event; {@code row} is null before the product's first event. */
    static ProductSalesRow apply(ProductSalesRow row, StoredEvent event) {
        SpecificRecord payload = event.payload();
        if (payload instanceof ProductCreated created) {
            return new ProductSalesRow(event.aggregateId(), created.getSku(), 0L, event.version());
        }
        if (row == null) {
            throw new IllegalStateException("product " + event.aggregateId() + " has "
                    + payload.getClass().getSimpleName() + " before ProductCreated");
        }
        return new ProductSalesRow(row.getProductId(), row.getSku(), row.getUnitsOrdered() + unitsChange(payload),
                event.version());
    }

    private static long unitsChange(SpecificRecord payload) {
        if (payload instanceof StockReserved reserved) {
            return reserved.getQuantity();
        }
        if (payload instanceof StockReleased released) {
            return -released.getQuantity();
        }
        if (payload instanceof ReservationSettled || payload instanceof PriceChanged
                || payload instanceof StockRestocked || payload instanceof ProductDiscontinued) {
            return 0;
        }
        throw new IllegalStateException("not a product event: " + payload.getClass().getName());
    }
}
