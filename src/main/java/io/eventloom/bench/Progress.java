package io.eventloom.bench;

import java.io.PrintStream;
import java.time.Duration;

/** A progress line every few seconds on a long step: done/total, average rate so far and time left at that rate. */
final class Progress {

    /** Makes the progress line of one step. */
    @FunctionalInterface
    interface Factory {
        Progress create(String what, long total);
    }

    private final String what;
    private final long total;
    private final Duration interval;
    private final PrintStream out;
    private final long startedNanos;
    private long lastPrintNanos;

    Progress(String what, long total, Duration interval, PrintStream out) {
        this.what = what;
        this.total = total;
        this.interval = interval;
        this.out = out;
        this.startedNanos = System.nanoTime();
        this.lastPrintNanos = startedNanos;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrintNanos >= interval.toNanos()) {
            lastPrintNanos = now;
            out.println(line(done, Duration.ofNanos(now - startedNanos), total, what));
        }
    }

    static String line(long done, Duration elapsed, long total, String what) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        String eta = rate > 0 ? formatDuration(Duration.ofSeconds((long) Math.ceil((total - done) / rate))) : "?";
        return String.format("%s: %,d/%,d (%,.0f/s, ETA %s)", what, done, total, rate, eta);
    }

    private static String formatDuration(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes > 0 ? minutes + "m" + String.format("%02d", duration.toSecondsPart()) + "s"
                : duration.toSeconds() + "s";
    }
}
