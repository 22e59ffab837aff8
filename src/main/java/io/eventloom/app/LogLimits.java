package io.eventloom.app;

import io.eventloom.core.RecordLimit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The largest record the log takes, read from the cluster: the smallest of the producer's
 * {@code max.request.size}, the brokers' {@code message.max.bytes} (which the changelog and repartition topics
 * Kafka Streams creates inherit) and the {@code max.message.bytes} of Eventloom's topics.
 */
final class LogLimits {

    private static final Logger log = LoggerFactory.getLogger(LogLimits.class);
    private static final String BROKER_MESSAGE_MAX_BYTES = "message.max.bytes";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private LogLimits() {
    }

    /** The producer's {@code max.request.size} as Kafka Streams' producer gets it from the pass-through settings. */
    static int producerMaxRequestSize(Map<String, String> streamsSettings) {
        String value = streamsSettings.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                streamsSettings.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        return value == null ? RecordLimit.KAFKA_DEFAULT_BYTES : Integer.parseInt(value.trim());
    }

    static RecordLimit read(Admin admin, Collection<String> topics, int producerMaxRequestSize, Duration timeout) {
        List<ConfigResource> resources = new ArrayList<>();
        topics.forEach(topic -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic)));
        String broker = String.valueOf(await(admin.describeCluster().nodes(), timeout).iterator().next().id());
        resources.add(new ConfigResource(ConfigResource.Type.BROKER, broker));
        Map<ConfigResource, Config> configs = describe(admin, resources, timeout);
        int smallest = producerMaxRequestSize;
        String limitedBy = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        for (Map.Entry<ConfigResource, Config> entry : configs.entrySet()) {
            boolean isBroker = entry.getKey().type() == ConfigResource.Type.BROKER;
            ConfigEntry value = entry.getValue().get(isBroker ? BROKER_MESSAGE_MAX_BYTES
                    : TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (value != null && value.value() != null && Integer.parseInt(value.value()) < smallest) {
                smallest = Integer.parseInt(value.value());
                limitedBy = (isBroker ? "broker " : "topic ") + entry.getKey().name() + " "
                        + (isBroker ? BROKER_MESSAGE_MAX_BYTES : TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            }
        }
        RecordLimit limit = RecordLimit.of(smallest);
        log.info("Records may take up to {} bytes (limited by {}={})", limit.maxRecordBytes(), limitedBy, smallest);
        return limit;
    }

    // A topic created a moment ago may be known to the controller before the broker that answers: ask again.
    private static Map<ConfigResource, Config> describe(Admin admin, List<ConfigResource> resources,
                                                        Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(admin.describeConfigs(resources).all(), timeout);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("A new topic is not known to the broker yet; asking again: {}", e.getMessage());
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the log's size limits", e);
            }
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the log's size limits: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log's size limits", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka within " + timeout
                    + " while reading the log's size limits", e);
        }
    }
}
