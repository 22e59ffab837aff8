package io.eventloom.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongFunction;

/**
 * Sends requests with a fixed number in flight (a new one as soon as one is answered), with the JDK HttpClient's
 * async API, and records each one's latency and status.
 */
final class ClosedLoopHttp {

    /** How a request that got no HTTP answer at all is counted among the statuses. */
    static final String NO_ANSWER = "no answer";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;

    ClosedLoopHttp() {
        // HTTP/1.1: one connection per request in flight, as most load balancers and clients use the API.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** What one level measured: the rate, the latencies and how many answers had each status other than 200. */
    record Outcome(Rate rate, LatencySummary latency, Map<String, Long> failures) {
    }

    Outcome run(long requests, int inFlight, LongFunction<HttpRequest> request, Progress progress)
            throws InterruptedException {
        Histogram latencies = LatencySummary.histogram();
        Map<String, Long> failures = new TreeMap<>();
        Semaphore slots = new Semaphore(inFlight);
        long[] done = new long[1];
        long started = System.nanoTime();
        for (long i = 0; i < requests; i++) {
            slots.acquire();
            long sent = System.nanoTime();
            client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        long latency = System.nanoTime() - sent;
                        synchronized (latencies) {
                            LatencySummary.recordNanos(latencies, latency);
                            String status = error != null ? noAnswer(error) : String.valueOf(response.statusCode());
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
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return NO_ANSWER + " (" + cause.getClass().getSimpleName() + ")";
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }
}
