package io.eventloom.kafka;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A metrics reporter that only remembers which clients created it: configured through {@code metric.reporters}, it
 * proves that a setting reached a client, even one that lived only for a moment.
 */
public final class RecordingMetricsReporter implements MetricsReporter {

    /** One client that loaded this reporter: its kind ({@code kafka.producer}, …) and its client id. */
    public record Client(String kind, String clientId) {
    }

    private static final Set<Client> SEEN = ConcurrentHashMap.newKeySet();

    private String clientId;

    /** Every client seen so far whose id starts with {@code prefix}. */
    public static Set<Client> seen(String prefix) {
        return SEEN.stream().filter(c -> c.clientId().startsWith(prefix)).collect(Collectors.toSet());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        clientId = String.valueOf(configs.get("client.id"));
    }

    // Called once the client's metrics exist, with the client kind as the namespace.
    @Override
    public void contextChange(MetricsContext context) {
        SEEN.add(new Client(context.contextLabels().get(MetricsContext.NAMESPACE), clientId));
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
    }

    @Override
    public void metricChange(KafkaMetric metric) {
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
    }

    @Override
    public void close() {
    }
}
