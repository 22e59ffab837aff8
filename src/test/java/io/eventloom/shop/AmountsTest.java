package io.eventloom.shop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsTest {

    @Test
    void givenEuroCents_whenShownInMajorUnits_thenTwoDecimalsAndTheCode() {
        assertThat(Amounts.inMajorUnits(new Money(1250L, "EUR"))).isEqualTo("12.50 EUR");
        assertThat(Amounts.inMajorUnits(new Money(5L, "EUR"))).isEqualTo("0.05 EUR");
    }

    @Test
    void givenCurrencyWithoutMinorUnits_whenShownInMajorUnits_thenNoDecimals() {
        assertThat(Amounts.inMajorUnits(new Money(1250L, "JPY"))).isEqualTo("1250 JPY");
    }

    @Test
    void givenCodeThatIsNoIsoCurrency_whenShownInMajorUnits_thenTwoDecimals() {
        assertThat(Amounts.inMajorUnits(new Money(1250L, "ABC"))).isEqualTo("12.50 ABC");
    }

    @Test
    void givenTheMaximumAmount_whenShownInMajorUnits_thenExact() {
        assertThat(Amounts.inMajorUnits(new Money(Amounts.MAX_AMOUNT_MINOR, "EUR"))).isEqualTo("10000000000.00 EUR");
    }
}
