package io.eventloom.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks {@code GET /health/live} every 100 ms on a connection of its own while load runs, and keeps the slowest
 * answer and how many were not 200: a liveness probe that times out gets a busy instance restarted.
 */
final class HealthProbe implements AutoCloseable {

    /** The route it asks: the app's liveness, which does nothing but answer. */
    static final String PATH = "/health/live";
    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest request;
    private final Thread thread;
    private volatile boolean running = true;
    private long worstNanos;
    private long probes;
    private long failures;

    /** What the probe saw: how many probes, the slowest answer, and how many were not 200 or not answered. */
    record Outcome(long probes, Duration worst, long failures) {
    }

    private HealthProbe(URI base) {
        this.request = HttpRequest.newBuilder(base.resolve(PATH)).timeout(TIMEOUT).GET().build();
        this.thread = new Thread(this::probe, "bench-health-probe");
        thread.setDaemon(true);
    }

    static HealthProbe start(URI base) {
        HealthProbe probe = new HealthProbe(base);
        probe.thread.start();
        return probe;
    }

    /** Stops probing and tells what was seen. */
    Outcome finish() throws InterruptedException {
        running = false;
        thread.join();
        return new Outcome(probes, Duration.ofNanos(worstNanos), failures);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            finish();
        }
    }

    private void probe() {
        while (running) {
            long started = System.nanoTime();
            boolean up;
            try {
                up = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                up = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long latency = System.nanoTime() - started;
            worstNanos = Math.max(worstNanos, latency);
            probes++;
            failures += up ? 0 : 1;
            long next = started + INTERVAL.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
