package io.eventloom.shop;

/** Money literals for tests. */
public final class TestMoney {

    private TestMoney() {
    }

    public static Money eur(long amountMinor) {
        return new Money(amountMinor, "EUR");
    }

    public static Money usd(long amountMinor) {
        return new Money(amountMinor, "USD");
    }
}
