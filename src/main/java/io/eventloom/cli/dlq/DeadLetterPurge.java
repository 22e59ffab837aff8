package io.eventloom.cli.dlq;

import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Deletes a plan's prefixes of the dead-letter topic with the admin API's {@code deleteRecords}. */
public final class DeadLetterPurge {

    private final KafkaClientSettings kafka;
    private final String topic;

    public DeadLetterPurge(KafkaClientSettings kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** @throws KafkaException when the broker cannot be reached or refuses */
    public void execute(PurgePlan plan) throws InterruptedException {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        plan.deleteBefore().forEach((partition, before) ->
                deletions.put(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(before)));
        try (Admin admin = Admin.create(kafka.admin("dlq-purge", Map.of()))) {
            admin.deleteRecords(deletions).all().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafkaError ? kafkaError
                    : new KafkaException(e.getCause());
        }
    }
}
