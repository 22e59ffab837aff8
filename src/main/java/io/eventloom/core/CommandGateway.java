package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.kafka.ConsumerLoop;
import io.eventloom.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Sends commands to their aggregate type's command topic and completes each send's future from the command-results
 * topic. Each send carries its own request id in the {@value #REQUEST_ID_HEADER} header, which the runtime copies onto
 * the command's result, so a result completes exactly the send it answers (two sends with one command id each get
 * their own). Reads results from every partition without a consumer group, so any number of gateways (one per app
 * instance) each see every result.
 */
public final class CommandGateway implements AutoCloseable {

    /** The header of a command record, copied onto its result record, that names the send it belongs to. */
    public static final String REQUEST_ID_HEADER = "eventloom.request-id";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, AggregateTopics<?>> types;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final ConsumerLoop<String, CommandResult> reader;
    private final Clock clock;
    private final RuntimeMetrics metrics;
    private final List<KafkaClientMetrics> clientMetrics;

    /** A gateway whose meters are kept in memory only. */
    public CommandGateway(KafkaClientSettings kafka, List<AggregateTopics<?>> types, Clock clock) {
        this(kafka, types, clock, RuntimeMetrics.inMemory());
    }

    /**
     * @param types   the aggregate types it sends to, with their topics: usually {@link EventloomRuntime#topics()}
     * @param metrics where it publishes how long commands take, how many wait and time out, and its Kafka clients'
     *                metrics
     */
    public CommandGateway(KafkaClientSettings kafka, List<AggregateTopics<?>> types, Clock clock,
                          RuntimeMetrics metrics) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(t -> t.type().name(), t -> t));
        this.clock = clock;
        this.metrics = metrics;
        List<Topic<String, SpecificRecord>> commands = types.stream().map(AggregateTopics::commands).toList();
        List<Topic<String, CommandResult>> results = types.stream().map(AggregateTopics::results).toList();
        this.producer = new KafkaProducer<>(kafka.producer("gateway-producer", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), ByTopic.valueSerializer(commands));
        KafkaConsumer<String, CommandResult> consumer = new KafkaConsumer<>(kafka.consumer("gateway-results", Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), ByTopic.valueDeserializer(results));
        try {
            List<TopicPartition> partitions = results.stream()
                    .map(Topic::name)
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Resolve the end offsets now, so a result written after this constructor returns is never skipped.
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            producer.close(Duration.ZERO);
            throw e;
        }
        this.reader = ConsumerLoop.start("gateway", "eventloom-command-results", consumer, POLL, this::complete);
        this.clientMetrics = List.of(new KafkaClientMetrics(producer), new KafkaClientMetrics(consumer));
        clientMetrics.forEach(binder -> binder.bindTo(metrics.registry()));
        metrics.gatewayPending(pending);
    }

    /** The aggregate type names this gateway can send to. */
    public Set<String> aggregateTypes() {
        return types.keySet();
    }

    /** Readiness of the result reader ({@code gateway}): down when it has stopped or cannot read results. */
    public HealthCheck health() {
        return reader.health();
    }

    /**
     * Sends a command and returns its result once processed. The future fails with
     * {@link CommandTimeoutException} after {@code timeout}, or with the producer's error if sending failed; this
     * method itself throws only for an unknown aggregate type.
     */
    public CompletableFuture<CommandResult> send(String aggregateType, String aggregateId, SpecificRecord payload,
                                                 CommandOptions options, Duration timeout) {
        AggregateTopics<?> type = topicsOf(aggregateType);
        String requestId = UUID.randomUUID().toString();
        long sentAt = System.nanoTime();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        // Only a result ends the measure: a send that fails or times out never got one.
        result.thenRun(() -> metrics.commandAnswered(aggregateType, System.nanoTime() - sentAt));
        // Registered before sending: the result may come back before send() returns. Every way out (result, send
        // error, timeout) removes the entry before the caller sees the outcome.
        pending.put(requestId, result);
        try {
            ProducerRecord<String, SpecificRecord> record = record(type, aggregateId, payload, options);
            record.headers().add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    fail(requestId, result, error);
                }
            });
        } catch (RuntimeException e) {
            // A serializer that cannot encode, a closed producer: the caller learns it from the future, like any
            // other send failure.
            fail(requestId, result, e);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            pending.remove(requestId, result);
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                metrics.gatewayTimedOut(aggregateType);
                return CompletableFuture.failedFuture(new CommandTimeoutException(options.commandId(), timeout));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * Sends a command without waiting for its result: the future completes once the command topic has it, or fails
     * with the producer's or serializer's error; this method itself throws only for an unknown aggregate type.
     */
    public CompletableFuture<Void> post(String aggregateType, String aggregateId, SpecificRecord payload,
                                        CommandOptions options) {
        AggregateTopics<?> type = topicsOf(aggregateType);
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(record(type, aggregateId, payload, options), (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(null);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private AggregateTopics<?> topicsOf(String aggregateType) {
        AggregateTopics<?> type = types.get(aggregateType);
        if (type == null) {
            throw new IllegalArgumentException("unknown aggregate type '" + aggregateType + "'; known: "
                    + types.keySet());
        }
        return type;
    }

    private ProducerRecord<String, SpecificRecord> record(AggregateTopics<?> type, String aggregateId,
                                                          SpecificRecord payload, CommandOptions options) {
        IncomingCommand command = new IncomingCommand(options.commandId(), aggregateId, options.expectedVersion(),
                clock.instant(), options.correlationId().orElse(options.commandId()), options.causationId(),
                options.metadata(), payload);
        return new ProducerRecord<>(type.commands().name(), aggregateId, type.type().codec().writeCommand(command));
    }

    private void fail(String requestId, CompletableFuture<CommandResult> result, Throwable error) {
        pending.remove(requestId, result);
        result.completeExceptionally(error);
    }

    /** How many sends are waiting for their result; for tests. */
    int pendingCount() {
        return pending.size();
    }

    // A result without the header (its command was posted by another client) or with a request id that is not
    // pending here (another instance's send, or one that timed out) is not this gateway's to complete.
    private void complete(ConsumerRecord<String, CommandResult> record) {
        Header header = record.headers().lastHeader(REQUEST_ID_HEADER);
        if (header == null || record.value() == null) {
            return;
        }
        CompletableFuture<CommandResult> waiting = pending.remove(new String(header.value(), StandardCharsets.UTF_8));
        if (waiting != null) {
            waiting.complete(record.value());
        }
    }

    @Override
    public void close() {
        clientMetrics.forEach(KafkaClientMetrics::close);
        reader.close();
        producer.close(Duration.ofSeconds(10));
    }
}
