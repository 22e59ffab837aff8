package io.eventloom.shop;

import java.math.BigDecimal;
import java.util.Currency;

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

    /**
     * The amount in major units with its currency, for people: {@code 12.50 EUR}, {@code 1250 JPY}. A code Java does
     * not know as a currency with minor units is shown with two decimals.
     */
    public static String inMajorUnits(Money money) {
        return BigDecimal.valueOf(money.getAmountMinor(), fractionDigits(money.getCurrency())).toPlainString() + " "
                + money.getCurrency();
    }

    private static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            // Pseudo-currencies (XAU, XXX) have no minor unit and answer -1.
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException notIso) {
            return 2;
        }
    }
}
