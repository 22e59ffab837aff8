package io.eventloom.bench.axon;

import java.io.PrintStream;
import java.util.Locale;

/** A progress line every few seconds on a long step, from the one thread that calls it: done/total and rate. */
final class ProgressLog {

    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String what;
    private final long total;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private long lastPrintNanos = startedNanos;

    ProgressLog(String what, long total, PrintStream out) {
        this.what = what;
        this.total = total;
        this.out = out;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrintNanos >= INTERVAL_NANOS) {
            lastPrintNanos = now;
            print(done, now);
        }
    }

    void finish(long done) {
        print(done, System.nanoTime());
    }

    private void print(long done, long now) {
        double seconds = Math.max(now - startedNanos, 1) / 1e9;
        out.println(String.format(Locale.ROOT, "%s: %,d/%,d in %.1f s (%,.0f/s)", what, done, total, seconds,
                done / seconds));
    }
}
