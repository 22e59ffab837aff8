package io.eventloom.core;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' deserialization, processing and production exception handler. Poison (a record that cannot be
 * decoded, a decider or projection that throws on it, an output too large for the log) goes to the dead-letter
 * topic with its original key, bytes and headers plus the error and where it came from, in the same transaction
 * that skips it, and processing goes on. A fault (the registry or the broker unreachable, a timeout) is not
 * poison: the task fails, its transaction aborts, and the record is processed again once the fault is gone.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    public static final String ERROR_CLASS = "eventloom.error.class";
    public static final String ERROR_MESSAGE = "eventloom.error.message";
    public static final String ERROR_STACKTRACE = "eventloom.error.stacktrace";
    public static final String SOURCE_TOPIC = "eventloom.source.topic";
    public static final String SOURCE_PARTITION = "eventloom.source.partition";
    public static final String SOURCE_OFFSET = "eventloom.source.offset";
    public static final String SOURCE_TIMESTAMP = "eventloom.source.timestamp";
    public static final String APPLICATION_ID = "eventloom.application.id";
    public static final String FAILED_AT = "eventloom.failed.at";
    public static final String RETRIES = "eventloom.retries";
    /** Set when the original value was left out because, with the error headers, it would not fit the log. */
    public static final String VALUE_OMITTED = "eventloom.value.omitted";
    /** The Kafka Streams config entry holding the record limit in bytes. */
    public static final String RECORD_LIMIT_CONFIG = "eventloom.record.limit.bytes";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final int MAX_MESSAGE_CHARS = 4_000;
    private static final int MAX_STACKTRACE_CHARS = 16_000;

    private String topic;
    private String applicationId;
    private RecordLimit limit = RecordLimit.DEFAULT;
    private DeadLetters monitor = new DeadLetters();
    private RuntimeMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        applicationId = (String) configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (topic == null || topic.isBlank()) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic");
        }
        Object configuredLimit = configs.get(RECORD_LIMIT_CONFIG);
        if (configuredLimit != null) {
            limit = new RecordLimit(Integer.parseInt(configuredLimit.toString()));
        }
        if (configs.get(DeadLetters.CONFIG) instanceof DeadLetters shared) {
            monitor = shared;
        }
        metrics = RuntimeMetrics.from(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        if (isFault(context, exception)) {
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        if (isFault(context, exception)) {
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    /**
     * A write the broker refused. Retriable errors are retried, as Kafka Streams' default does. A record too large
     * for the log is a last resort: the runtime measures everything it writes beforehand, so this means a limit it
     * was not told about; the record is dropped, its input dead-lettered, and processing goes on rather than
     * failing the same commit forever.
     */
    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            log.error("The broker refused a record of {} bytes for {} as too large, though the runtime measured it"
                            + " against a limit of {} bytes: set the limit to what the broker and topics take",
                    RecordLimit.sizeOf(record.key(), record.value(), record.headers()), record.topic(),
                    limit.maxRecordBytes());
            return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
        }
        return ProductionExceptionHandler.Response.fail();
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record, Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        if (isFault(context, exception)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    private static boolean isFault(ErrorHandlerContext context, Exception exception) {
        if (!Faults.isFault(exception)) {
            return false;
        }
        log.warn("Fault while processing {}-{}@{} at {}: {}; the task stops and retries this record",
                context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                exception.toString());
        // The failed record's processing ends here: its log context (kept for this line) goes with it.
        LogContext.clear();
        return true;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
        log.warn("Dead-lettering record {}-{}@{} at processor {}: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception.toString());
        LogContext.clear();
        monitor.recorded(context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                exception);
        metrics.deadLettered(context.topic());
        Headers headers = new RecordHeaders(context.headers().toArray());
        add(headers, ERROR_CLASS, exception.getClass().getName());
        add(headers, ERROR_MESSAGE, clamp(String.valueOf(exception.getMessage()), MAX_MESSAGE_CHARS));
        add(headers, ERROR_STACKTRACE, clamp(stackTrace(exception), MAX_STACKTRACE_CHARS));
        add(headers, SOURCE_TOPIC, context.topic());
        add(headers, SOURCE_PARTITION, String.valueOf(context.partition()));
        add(headers, SOURCE_OFFSET, String.valueOf(context.offset()));
        add(headers, SOURCE_TIMESTAMP, String.valueOf(context.timestamp()));
        add(headers, APPLICATION_ID, applicationId);
        add(headers, FAILED_AT, Instant.now().toString());
        add(headers, RETRIES, "0");
        byte[] key = context.sourceRawKey();
        byte[] value = context.sourceRawValue();
        // A dead letter that cannot be written would fail the commit forever: keep the context, drop the bytes.
        if (!limit.fits(key, value, headers)) {
            add(headers, VALUE_OMITTED, (value == null ? 0 : value.length) + " bytes did not fit the log with the"
                    + " error headers; read them at " + context.topic() + "-" + context.partition() + "@"
                    + context.offset());
            value = null;
            if (!limit.fits(key, null, headers)) {
                headers = onlyOurs(headers); // then the client's own headers are what is too large
            }
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static Headers onlyOurs(Headers headers) {
        Headers ours = new RecordHeaders();
        headers.forEach(header -> {
            if (header.key().startsWith("eventloom.")) {
                ours.add(header);
            }
        });
        return ours;
    }

    private static void add(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String clamp(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
