package io.eventloom.core;

/** Numbers in keys whose text order must be their numeric order: zero-padded to the width of {@code long}. */
public final class OrderedKeys {

    private static final int WIDTH = 19;

    private OrderedKeys() {
    }

    /**
     * {@code value} as 19 digits, leading zeros included, as {@code String.format("%019d", value)} writes it; without
     * the formatter, which showed in every command's profile.
     *
     * @throws IllegalArgumentException for a negative value, whose text would not sort
     */
    public static String padded(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a key number must not be negative, was " + value);
        }
        String digits = Long.toString(value);
        StringBuilder key = new StringBuilder(WIDTH);
        for (int i = digits.length(); i < WIDTH; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }
}
