package io.eventloom.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} on the app's Prometheus registry, and what the API adds to it: Kafka Streams, JVM and HTTP
 * request metrics. The registry is the app's, shared with the runtime and the gateway: closing this unbinds only what
 * it bound.
 */
final class ApiMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final List<KafkaStreamsMetrics> streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<RequestSeries, Timer> requestTimers = new ConcurrentHashMap<>();

    ApiMetrics(PrometheusMeterRegistry registry, List<KafkaStreams> applications) {
        this.registry = registry;
        streamsMetrics = applications.stream().map(KafkaStreamsMetrics::new).toList();
        streamsMetrics.forEach(metrics -> metrics.bindTo(registry));
        gcMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void addTo(Routes routes) {
        routes.get("/metrics", Permission.metrics(), ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
    }

    /** Times one request, tagged by route template (not raw path, which would make one series per id). */
    void record(Context ctx, float millis) {
        var matched = ctx.endpoints().list();
        String uri = matched.isEmpty() ? "UNMATCHED" : matched.get(matched.size() - 1).path;
        // Routes, methods and statuses are few: each timer is built once, not for every request.
        requestTimers.computeIfAbsent(new RequestSeries(ctx.method().name(), uri, ctx.status().getCode()),
                        series -> Timer.builder("http.server.requests")
                                .description("HTTP requests served by the Eventloom API")
                                .tag("method", series.method())
                                .tag("uri", series.uri())
                                .tag("status", String.valueOf(series.status()))
                                .register(registry))
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private record RequestSeries(String method, String uri, int status) {
    }

    @Override
    public void close() {
        streamsMetrics.forEach(KafkaStreamsMetrics::close);
        gcMetrics.close();
    }
}
