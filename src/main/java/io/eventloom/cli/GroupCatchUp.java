package io.eventloom.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far a Kafka Streams application has read its input: its committed offsets against the committed ends
 * (read_committed, so open transactions do not count as lag) of the topics it reads, which are the source topics
 * named and its own repartition and subscription topics. Looked at again and again while records keep arriving, it
 * is caught up once it has read everything the previous look saw: it keeps pace, as closely as its commits show.
 */
public final class GroupCatchUp {

    /**
     * One look at the application's group.
     *
     * @param done     offsets read, summed over every input partition
     * @param total    offsets there are, likewise
     * @param members  members of the group now
     * @param caughtUp every partition read to where its end was at the previous look, by a group with members
     */
    public record Position(long done, long total, int members, boolean caughtUp) {
    }

    private final Admin admin;
    private final Duration timeout;
    private Map<TopicPartition, Long> previousEnds = Map.of();

    public GroupCatchUp(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Where application {@code applicationId} (its group has that id) stands on {@code sources} and its own topics. */
    public Position measure(String applicationId, Collection<String> sources)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = new TreeSet<>(sources);
        topics.addAll(internalInputs(applicationId));
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        described.values().forEach(topic -> topic.partitions().forEach(info ->
                partitions.add(new TopicPartition(topic.name(), info.partition()))));
        // Ends before commits: offsets committed after an end and past it mean all that was there has been read.
        Map<TopicPartition, Long> ends = get(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata());
        int members = members(applicationId);
        long done = 0;
        long total = 0;
        boolean allRead = !previousEnds.isEmpty();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            OffsetAndMetadata offset = committed.get(partition);
            long read = offset == null ? 0 : Math.min(offset.offset(), end);
            done += read;
            total += end;
            // A partition the previous look did not know (a new internal topic) must be read to its end now.
            allRead &= read >= previousEnds.getOrDefault(partition, end);
        }
        previousEnds = ends;
        return new Position(done, total, members, allRead && members > 0);
    }

    private Set<String> internalInputs(String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        return get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names()).stream()
                .filter(name -> name.startsWith(applicationId + "-"))
                .filter(name -> name.endsWith("-repartition") || name.endsWith("-topic"))
                .collect(Collectors.toSet());
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

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
