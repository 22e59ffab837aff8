package io.eventloom.shop;

/**
 * The one limit on money in the shop. Every price and every order total is at most {@link #MAX_AMOUNT_MINOR}
 * minor units, so the sums the shop keeps (an order's total, revenue over millions of orders) stay far inside a
 * {@code long}; a larger amount is rejected with {@code VALIDATION_FAILED} naming the limit.
 */
public final class Amounts {

    /** 10^12 minor units: ten billion in a currency with cents. About nine million such orders fit in a long. */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;

    private Amounts() {
    }
}
