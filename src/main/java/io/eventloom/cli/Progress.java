package io.eventloom.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;

/** Progress of a long command on standard error, at most once a second: done, total, rate and time left. */
public final class Progress {

    private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final String label;
    private OptionalLong total;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastPrinted = started;
    private long done;

    /** @param total how many there are, when known */
    public Progress(String label, OptionalLong total, PrintWriter err) {
        this.label = label;
        this.total = total;
        this.err = err;
    }

    /** Counts {@code count} more done; prints when a second has passed since the last line. */
    public void add(long count) {
        done += count;
        printIfDue();
    }

    /** Where it stands now, for a total that grows while it runs; prints as {@link #add} does. */
    public void moveTo(long done, long total) {
        this.done = done;
        this.total = OptionalLong.of(total);
        printIfDue();
    }

    private void printIfDue() {
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            err.println(line(now));
            err.flush();
        }
    }

    /** The last line, whatever the time since the one before. */
    public void finish() {
        err.println(line(System.nanoTime()));
        err.flush();
    }

    public long done() {
        return done;
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(": ").append(done);
        total.ifPresent(all -> {
            line.append('/').append(all);
            if (rate > 0 && done < all) {
                line.append(", about ").append(Math.round((all - done) / rate)).append(" s left");
            }
        });
        return line.append(String.format(java.util.Locale.ROOT, " (%.0f/s)", rate)).toString();
    }
}
