package io.eventloom.core;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a consumer group stands on its input topics, as Kafka's admin API tells it: the offsets it has committed
 * and the committed ends of the partitions (read_committed: a transaction still open is not lag yet, and an aborted
 * one never is). One piece of code for the lag gauges and for a rebuild's catch-up.
 */
public final class GroupOffsets {

    private final Admin admin;
    private final Duration timeout;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    /** @param timeout for each call to Kafka */
    public GroupOffsets(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The topics' partitions, each topic described once; a topic that does not exist (yet) has none. */
    public Set<TopicPartition> partitionsOf(Collection<String> topics) throws InterruptedException,
            TimeoutException {
        List<String> unknown = topics.stream().filter(topic -> !partitions.containsKey(topic)).toList();
        if (!unknown.isEmpty()) {
            for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(unknown)
                    .topicNameValues().entrySet()) {
                try {
                    partitions.put(topic.getKey(), get(topic.getValue()).partitions().stream()
                            .map(info -> new TopicPartition(topic.getKey(), info.partition())).toList());
                } catch (ExecutionException e) {
                    // Not there yet (an internal topic its application has not made): no partitions to wait for.
                }
            }
        }
        Set<TopicPartition> found = new HashSet<>();
        topics.forEach(topic -> found.addAll(partitions.getOrDefault(topic, List.of())));
        return found;
    }

    /** The committed end of each partition. */
    public Map<TopicPartition, Long> ends(Set<TopicPartition> all)
            throws ExecutionException, InterruptedException, TimeoutException {
        return get(admin.listOffsets(all.stream().collect(Collectors.toMap(Function.identity(),
                        partition -> OffsetSpec.latest())), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The offsets the group has committed, by partition; none for a group that has not committed. */
    public Map<TopicPartition, Long> committed(String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> found = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        found.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** Members of the group now; none when it does not exist (yet, or any more). */
    public int members(String group) throws ExecutionException, InterruptedException, TimeoutException {
        try {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            return description.groupState() == GroupState.DEAD ? 0 : description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    private <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
