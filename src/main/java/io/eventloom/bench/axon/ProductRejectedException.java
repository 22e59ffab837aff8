package io.eventloom.bench.axon;

/**
 * A product command refused by the rules, with the shop's rejection code. An exception because that is how an Axon
 * command handler refuses, a creating constructor above all: it has no result to return.
 */
final class ProductRejectedException extends RuntimeException {

    private final String code;

    ProductRejectedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
