package io.eventloom.cli.dlq;

import io.eventloom.cli.Progress;
import io.eventloom.core.DeadLetterHandler;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends dead letters back to their source topics as new records, all in one transaction: either every one is
 * replayed or none is. The dead letters themselves stay; removing them is {@code purge}'s job, so a replay that
 * fails loses nothing and can simply be run again.
 */
public final class DeadLetterReplay {

    /** Names the dead letter a replayed record came from, so its next failure (if any) can be traced back. */
    public static final String REPLAYED_FROM = "eventloom.replayed.from";

    /** The headers {@link DeadLetterHandler} adds; what is left are the source record's own. */
    private static final Set<String> ADDED_BY_HANDLER = Set.of(DeadLetterHandler.ERROR_CLASS,
            DeadLetterHandler.ERROR_MESSAGE, DeadLetterHandler.ERROR_STACKTRACE, DeadLetterHandler.SOURCE_TOPIC,
            DeadLetterHandler.SOURCE_PARTITION, DeadLetterHandler.SOURCE_OFFSET, DeadLetterHandler.SOURCE_TIMESTAMP,
            DeadLetterHandler.APPLICATION_ID, DeadLetterHandler.FAILED_AT, DeadLetterHandler.RETRIES,
            DeadLetterHandler.VALUE_OMITTED, REPLAYED_FROM);

    private final KafkaClientSettings kafka;
    private final String transactionalId;

    /** @param transactionalId one per dead-letter topic: a second replay at once fences the first */
    public DeadLetterReplay(KafkaClientSettings kafka, String transactionalId) {
        this.kafka = kafka;
        this.transactionalId = transactionalId;
    }

    /**
     * Sends each letter to its source topic (whose partitioner places the key as it did the first time) and
     * commits; on any error the transaction aborts and the error is thrown.
     */
    public void send(List<DeadLetter> letters, Progress progress) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("dlq-replay", Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                for (DeadLetter letter : letters) {
                    producer.send(record(letter));
                    progress.add(1);
                }
                producer.commitTransaction();
            } catch (RuntimeException e) {
                abortQuietly(producer, e);
                throw e;
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!ADDED_BY_HANDLER.contains(header.key())) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, letter.id().toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.sourceTopic(), null, letter.key(), letter.value(), headers);
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer, RuntimeException cause) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // A fenced or broken producer cannot abort; the broker aborts its transaction when it times out.
            cause.addSuppressed(e);
        }
    }
}
