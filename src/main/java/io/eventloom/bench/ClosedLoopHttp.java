package io.eventloom.bench;

import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Sends requests with a fixed number in flight (a new one as soon as one is answered), with Jetty's asynchronous
 * HTTP client, and records each one's latency and status.
 */
final class ClosedLoopHttp implements AutoCloseable {

    /** How a request that got no HTTP answer at all is counted among the statuses. */
    static final String NO_ANSWER = "no answer";
    private static final long REQUEST_TIMEOUT_SECONDS = 60;
    // The load shares the cores with the app it measures, so it must cost little per request. The JDK's HttpClient
    // did not: on 2 cores it completes every sendAsync on a thread of its own (the common pool has one worker there)
    // and spent as much CPU as the app. Jetty's completes on a small pool of its own.
    private static final int CLIENT_THREADS = 8;

    private final HttpClient client;

    /** @param connections the most requests in flight: HTTP/1.1, one connection each, as most clients use the API */
    ClosedLoopHttp(int connections) {
        QueuedThreadPool threads = new QueuedThreadPool(CLIENT_THREADS, 2);
        threads.setName("bench-http-client");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(connections);
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
    }

    /** A request to {@code uri} that gives up after a minute. */
    Request request(URI uri) {
        return client.newRequest(uri).timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** What one level measured: the rate, the latencies and how many answers had each status other than 200. */
    record Outcome(Rate rate, LatencySummary latency, Map<String, Long> failures) {
    }

    Outcome run(long requests, int inFlight, LongFunction<Request> request, Progress progress)
            throws InterruptedException {
        Histogram latencies = LatencySummary.histogram();
        Map<String, Long> failures = new TreeMap<>();
        Semaphore slots = new Semaphore(inFlight);
        long[] done = new long[1];
        long started = System.nanoTime();
        for (long i = 0; i < requests; i++) {
            slots.acquire();
            long sent = System.nanoTime();
            request.apply(i).send(result -> {
                long latency = System.nanoTime() - sent;
                synchronized (latencies) {
                    LatencySummary.recordNanos(latencies, latency);
                    String status = result.getResponse() != null && result.getResponse().getStatus() > 0
                            ? String.valueOf(result.getResponse().getStatus()) : noAnswer(result.getFailure());
                    if (!"200".equals(status)) {
                        failures.merge(status, 1L, Long::sum);
                    }
                    done[0]++;
                }
                slots.release();
            });
            synchronized (latencies) {
                progress.update(done[0]);
            }
        }
        slots.acquire(inFlight);
        Rate rate = Rate.since(requests, started);
        synchronized (latencies) {
            return new Outcome(rate, LatencySummary.of(latencies), Map.copyOf(failures));
        }
    }

    // Why there was no answer, by the innermost cause's type: a refused connection reads unlike a timeout.
    private static String noAnswer(Throwable error) {
        if (error == null) {
            return NO_ANSWER;
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return NO_ANSWER + " (" + cause.getClass().getSimpleName() + ")";
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP client: " + e.getMessage(), e);
        }
    }
}
