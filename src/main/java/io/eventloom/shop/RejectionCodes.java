package io.eventloom.shop;

/** The stable codes shop deciders reject commands with; clients branch on these, so never rename one. */
public final class RejectionCodes {

    /** A command field is missing or malformed; the message names every such field. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** The aggregate was never created. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** A create command for an aggregate that already exists. */
    public static final String ALREADY_EXISTS = "ALREADY_EXISTS";
    /** The command is not allowed in the aggregate's current status. */
    public static final String INVALID_STATE = "INVALID_STATE";
    /** A reservation asks for more units than are available. */
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    /** The product is discontinued and takes no new reservations or changes. */
    public static final String PRODUCT_DISCONTINUED = "PRODUCT_DISCONTINUED";
    /** The order already holds a reservation of this product with another quantity. */
    public static final String RESERVATION_CONFLICT = "RESERVATION_CONFLICT";
    /**
     * A reservation names a unit price other than the product's current one: the order was priced by the client or
     * before a price change. The message starts with {@code price changed: <sku>} and names both prices.
     */
    public static final String PRICE_MISMATCH = "PRICE_MISMATCH";

    /** The customer is deactivated and cannot place orders. */
    public static final String CUSTOMER_INACTIVE = "CUSTOMER_INACTIVE";

    private RejectionCodes() {
    }
}
