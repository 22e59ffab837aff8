package io.eventloom.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.HealthCheck;
import io.eventloom.kafka.ConsumerLoop;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The registry's topic ({@code _eventloom_schemas} by default; one partition, compacted) as its only store. A
 * background thread reads it from the start and applies each record to the {@link RegistryState}; a write is produced
 * to the topic and answered only once this instance has read it back and applied it, with the outcome the log order
 * gave it.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);
    // Unknown fields are ignored so that an older instance still follows a log written by a newer one.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final TopicPartition partition;
    private final RegistryState state;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, CompletableFuture<Outcome>> awaitingOutcome = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> newBarriers = new ConcurrentLinkedQueue<>();
    // Only the reader's thread touches these.
    private final List<Barrier> barriers = new ArrayList<>();
    private ConsumerLoop<String, String> reader;
    private final List<KafkaClientMetrics> clientMetrics;

    private record Barrier(CompletableFuture<Void> reached, long endOffset) {
    }

    private SchemaLog(KafkaClientSettings kafka, String topic, RegistryState state, MeterRegistry meters) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.state = state;
        this.producer = new KafkaProducer<>(kafka.producer("registry-producer", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(kafka.consumer("registry-reader", Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new StringDeserializer());
        this.clientMetrics = List.of(new KafkaClientMetrics(producer), new KafkaClientMetrics(consumer));
        clientMetrics.forEach(binder -> binder.bindTo(meters));
    }

    /**
     * Makes sure the topic exists, reads it to its current end, then keeps following it; its Kafka clients' metrics
     * go to {@code meters}.
     */
    static SchemaLog open(KafkaClientSettings kafka, String topic, Optional<Short> replicationFactor,
                          Duration timeout, MeterRegistry meters) {
        try (Admin admin = Admin.create(kafka.admin("registry-admin", Map.of()))) {
            // One partition: the log's total order is what makes every instance derive the same ids.
            new TopicSetup(admin, timeout).ensure(List.of(TopicSpec.compacted(topic, 1, replicationFactor)));
        }
        SchemaLog schemaLog = new SchemaLog(kafka, topic, new RegistryState(), meters);
        schemaLog.consumer.assign(List.of(schemaLog.partition));
        schemaLog.consumer.seekToBeginning(List.of(schemaLog.partition));
        schemaLog.reader = ConsumerLoop.start("registry", "schema-registry-log-" + topic, schemaLog.consumer, POLL,
                schemaLog::apply, schemaLog::releaseBarriers);
        try {
            schemaLog.awaitCaughtUp(timeout);
        } catch (RuntimeException e) {
            schemaLog.close();
            throw e;
        }
        return schemaLog;
    }

    RegistryState state() {
        return state;
    }

    /** The log reader's health: down when it has stopped or cannot read the topic. */
    HealthCheck health() {
        return reader.health();
    }

    /** Appends a request and returns its outcome once this instance has applied it in log order. */
    Outcome append(LogRecord record, Duration timeout) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        awaitingOutcome.put(record.requestId(), outcome);
        try {
            producer.send(new ProducerRecord<>(topic, 0, record.requestId(), toJson(record)), (metadata, error) -> {
                if (error != null) {
                    outcome.completeExceptionally(error);
                }
            });
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw RegistryException.timeout("no answer from " + topic + " within " + timeout);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("cannot write to " + topic + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("interrupted while writing to " + topic);
        } finally {
            awaitingOutcome.remove(record.requestId());
        }
    }

    /** Returns once everything written to the topic before this call has been applied. */
    void awaitCaughtUp(Duration timeout) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        newBarriers.add(reached);
        reader.wakeup();
        try {
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw RegistryException.timeout("could not read " + topic + " to its end within " + timeout);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("cannot read " + topic + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("interrupted while reading " + topic);
        }
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        clientMetrics.forEach(KafkaClientMetrics::close);
        reader.close();
        producer.close(Duration.ofSeconds(5));
        // The reader has ended, so nobody releases these any more: their waiters learn why at once.
        RegistryException closed = RegistryException.storeError("the schema registry is closing");
        newBarriers.forEach(b -> b.completeExceptionally(closed));
        barriers.forEach(b -> b.reached().completeExceptionally(closed));
    }

    // Runs on the reader's thread after each poll, so it may use the consumer.
    private void releaseBarriers() {
        takeNewBarriers();
        releaseReachedBarriers();
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        LogRecord request;
        try {
            request = JSON.readValue(record.value(), LogRecord.class);
        } catch (JsonProcessingException e) {
            // A record we cannot read changes nothing on any instance, so skipping it keeps them all in step.
            log.warn("Skipping unreadable record at {}-{} offset {}: {}", topic, record.partition(), record.offset(),
                    e.getOriginalMessage());
            return;
        }
        Outcome outcome = state.apply(request);
        CompletableFuture<Outcome> waiting = awaitingOutcome.get(request.requestId());
        if (waiting != null) {
            waiting.complete(outcome);
        }
    }

    private void takeNewBarriers() {
        if (newBarriers.isEmpty()) {
            return;
        }
        long end;
        try {
            end = consumer.endOffsets(List.of(partition)).get(partition);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return; // the broker is slow or away; the barriers wait for the next round
        }
        for (CompletableFuture<Void> reached = newBarriers.poll(); reached != null; reached = newBarriers.poll()) {
            barriers.add(new Barrier(reached, end));
        }
    }

    private void releaseReachedBarriers() {
        if (barriers.isEmpty()) {
            return;
        }
        long position = consumer.position(partition);
        for (Iterator<Barrier> it = barriers.iterator(); it.hasNext(); ) {
            Barrier barrier = it.next();
            if (position >= barrier.endOffset()) {
                barrier.reached().complete(null);
                it.remove();
            }
        }
    }

    private static String toJson(LogRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + record, e);
        }
    }
}
