package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Sends commands to their aggregate type's command topic and completes each one's future from the
 * command-results topic, matched by command id. Reads results from every partition without a consumer group,
 * so any number of gateways (one per app instance) each see every result.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);

    private final TopicNames topics;
    private final Map<String, EnvelopeCodec> codecs;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, CommandResult> consumer;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final Thread poller;
    private final Clock clock;
    private volatile boolean running = true;

    public CommandGateway(KafkaClientSettings kafka, TopicNames topics, List<AggregateType<?>> types,
                          AvroSerdes serdes, Clock clock) {
        this.topics = topics;
        this.clock = clock;
        this.codecs = types.stream().collect(Collectors.toUnmodifiableMap(AggregateType::name, EnvelopeCodec::of));
        this.producer = new KafkaProducer<>(kafka.producer("gateway-producer", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), new EnvelopeSerializer(types, topics, serdes));
        this.consumer = new KafkaConsumer<>(kafka.consumer("gateway-results", Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), serdes.specificValue(CommandResult.class).deserializer());
        List<TopicPartition> partitions = types.stream()
                .map(t -> topics.commandResults(t.name()))
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, so a result written after this constructor returns is never skipped.
        partitions.forEach(consumer::position);
        this.poller = new Thread(this::pollResults, "eventloom-command-results");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** The aggregate type names this gateway can send to. */
    public Set<String> aggregateTypes() {
        return codecs.keySet();
    }

    /**
     * Sends a command and returns its result once processed. The future fails with
     * {@link CommandTimeoutException} after {@code timeout}, or with the producer's error if sending failed.
     */
    public CompletableFuture<CommandResult> send(String aggregateType, String aggregateId, SpecificRecord payload,
                                                 CommandOptions options, Duration timeout) {
        EnvelopeCodec codec = codecs.get(aggregateType);
        if (codec == null) {
            throw new IllegalArgumentException("unknown aggregate type '" + aggregateType + "'; known: "
                    + codecs.keySet());
        }
        IncomingCommand command = new IncomingCommand(options.commandId(), aggregateId, options.expectedVersion(),
                clock.instant(), options.correlationId().orElse(options.commandId()), options.causationId(),
                options.metadata(), payload);
        SpecificRecord envelope = codec.writeCommand(command);
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        // Registered before sending: the result may come back before send() returns.
        CompletableFuture<CommandResult> existing = pending.putIfAbsent(options.commandId(), result);
        CompletableFuture<CommandResult> awaited = existing != null ? existing : result;
        producer.send(new ProducerRecord<>(topics.commands(aggregateType), aggregateId, envelope),
                (metadata, error) -> {
                    if (error != null) {
                        pending.remove(options.commandId(), awaited);
                        awaited.completeExceptionally(error);
                    }
                });
        return awaited.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                pending.remove(options.commandId(), awaited);
                return CompletableFuture.failedFuture(new CommandTimeoutException(options.commandId(), timeout));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void pollResults() {
        try {
            while (running) {
                for (ConsumerRecord<String, CommandResult> record : consumer.poll(Duration.ofMillis(200))) {
                    CommandResult value = record.value();
                    if (value == null) {
                        continue;
                    }
                    CompletableFuture<CommandResult> waiting = pending.remove(value.getCommandId());
                    if (waiting != null) {
                        waiting.complete(value);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Command result reader failed; pending commands will time out", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
