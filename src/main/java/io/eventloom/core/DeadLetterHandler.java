package io.eventloom.core;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
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
 * Sends a record that cannot be decoded, or whose processing throws, to the dead-letter topic with its original
 * key, bytes and headers plus the error and where it came from, then lets processing go on. Registered as Kafka
 * Streams' deserialization and processing exception handler, so the dead letter is written in the same
 * transaction that skips the record.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

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

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic;
    private String applicationId;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        applicationId = (String) configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (topic == null || topic.isBlank()) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic");
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
        log.warn("Dead-lettering record {}-{}@{} at processor {}: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception.toString());
        Headers headers = new RecordHeaders(context.headers().toArray());
        add(headers, ERROR_CLASS, exception.getClass().getName());
        add(headers, ERROR_MESSAGE, String.valueOf(exception.getMessage()));
        add(headers, ERROR_STACKTRACE, stackTrace(exception));
        add(headers, SOURCE_TOPIC, context.topic());
        add(headers, SOURCE_PARTITION, String.valueOf(context.partition()));
        add(headers, SOURCE_OFFSET, String.valueOf(context.offset()));
        add(headers, SOURCE_TIMESTAMP, String.valueOf(context.timestamp()));
        add(headers, APPLICATION_ID, applicationId);
        add(headers, FAILED_AT, Instant.now().toString());
        add(headers, RETRIES, "0");
        return new ProducerRecord<>(topic, null, context.sourceRawKey(), context.sourceRawValue(), headers);
    }

    private static void add(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
