package io.eventloom.shop;

import io.eventloom.core.Decision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Checks a command's fields and rejects with {@code VALIDATION_FAILED} naming every problem at once. */
public final class Validation {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final List<String> problems = new ArrayList<>();

    private Validation() {
    }

    public static Validation check() {
        return new Validation();
    }

    public Validation notBlank(String field, String value) {
        return require(value != null && !value.isBlank(), field + " must not be blank");
    }

    public Validation positive(String field, long value) {
        return require(value > 0, field + " must be positive, was " + value);
    }

    public Validation notNegative(String field, long value) {
        return require(value >= 0, field + " must not be negative, was " + value);
    }

    /** A price: a positive amount, at most {@link Amounts#MAX_AMOUNT_MINOR}, in a well-formed currency. */
    public Validation positive(String field, Money money) {
        if (money == null) {
            return require(false, field + " is required");
        }
        positive(field + ".amountMinor", money.getAmountMinor());
        atMostMaxAmount(field + ".amountMinor", money.getAmountMinor());
        return matches(field + ".currency", money.getCurrency(), CURRENCY,
                "an ISO 4217 code (three upper-case letters)");
    }

    /** An amount in minor units no larger than the shop's one limit, {@link Amounts#MAX_AMOUNT_MINOR}. */
    public Validation atMostMaxAmount(String field, long amountMinor) {
        return require(amountMinor <= Amounts.MAX_AMOUNT_MINOR, field + " must be at most "
                + Amounts.MAX_AMOUNT_MINOR + " minor units (the largest amount accepted), was " + amountMinor);
    }

    public Validation matches(String field, String value, Pattern pattern, String expectation) {
        return require(value != null && pattern.matcher(value).matches(),
                field + " must be " + expectation + ", was '" + value + "'");
    }

    public Validation require(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
        return this;
    }

    /** The decision when every check passed, else the rejection listing what failed. */
    public <E> Decision<E> ifValid(Supplier<Decision<E>> decision) {
        if (problems.isEmpty()) {
            return decision.get();
        }
        return Decision.reject(RejectionCodes.VALIDATION_FAILED, String.join("; ", problems));
    }
}
