package io.eventloom.bench;

/** Checks on the sizes a bench plan is given, so a bad option fails before any broker starts. */
final class Sizes {

    private Sizes() {
    }

    static void requirePositive(String what, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
