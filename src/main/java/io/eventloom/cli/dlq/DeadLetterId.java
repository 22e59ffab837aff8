package io.eventloom.cli.dlq;

/** Where a dead letter sits in the dead-letter topic, written {@code partition@offset}: its id for operators. */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

    /** Reads {@code partition@offset}, as {@link #toString()} writes it. */
    public static DeadLetterId parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a dead-letter id (partition@offset, like 0@42)");
        }
        try {
            return new DeadLetterId(Integer.parseInt(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a dead-letter id (partition@offset, like 0@42)");
        }
    }

    @Override
    public int compareTo(DeadLetterId other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
