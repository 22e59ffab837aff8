package io.eventloom.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves a stopped consumer group's committed offsets back to the first record at or after a time, so it reads
 * again from there. Offsets only ever move back: a partition the group has not yet read up to the time stays as it
 * is, and one it has never committed starts at the time.
 */
public final class GroupRewind {

    /** One partition's move: where the group stands, where it will stand, and how many offsets it reads again. */
    public record Move(TopicPartition partition, Optional<Long> committed, long target) {

        /** Offsets between the new position and the old (transaction markers included), or to the end if none. */
        public long replayed(long end) {
            return committed.orElse(end) - target;
        }
    }

    /** The plan for a group: every partition's move and each partition's end offset. */
    public record Plan(String group, Instant from, List<Move> moves, Map<TopicPartition, Long> ends) {

        public long replayed(Move move) {
            return move.replayed(ends.get(move.partition()));
        }

        public long total() {
            return moves.stream().mapToLong(this::replayed).sum();
        }
    }

    /** The group has members: moving its offsets now would race them, so it is refused. */
    public static final class ActiveGroupException extends Exception {
        ActiveGroupException(String message) {
            super(message);
        }
    }

    /** Nothing names what to rewind: no topics given, and the group has committed on none. */
    public static final class NothingToRewindException extends Exception {
        NothingToRewindException(String message) {
            super(message);
        }
    }

    private final Admin admin;
    private final Duration timeout;

    public GroupRewind(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param topics the topics to rewind; when empty, every topic the group has committed offsets on
     * @throws ActiveGroupException when the group has members
     * @throws NothingToRewindException when no topics are given and the group has committed on none
     */
    public Plan plan(String group, Instant from, Collection<String> topics) throws ActiveGroupException,
            NothingToRewindException, ExecutionException, InterruptedException, TimeoutException {
        refuseActive(group);
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        List<TopicPartition> partitions = topics.isEmpty() ? List.copyOf(committed.keySet()) : partitionsOf(topics);
        if (partitions.isEmpty()) {
            throw new NothingToRewindException("group '" + group + "' has no committed offsets; name the topics"
                    + " to rewind with --topic");
        }
        Map<TopicPartition, Long> atTime = offsets(partitions, OffsetSpec.forTimestamp(from.toEpochMilli()));
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        List<Move> moves = partitions.stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(partition -> {
                    Optional<Long> current = Optional.ofNullable(committed.get(partition))
                            .map(OffsetAndMetadata::offset);
                    // No record at or after the time: the first offset after it is the end.
                    long first = atTime.get(partition) < 0 ? ends.get(partition) : atTime.get(partition);
                    return new Move(partition, current, current.map(offset -> Math.min(offset, first)).orElse(first));
                })
                .toList();
        return new Plan(group, from, moves, ends);
    }

    /** Commits the plan's offsets for its group; refused by the broker, too, should a member have joined since. */
    public void apply(Plan plan) throws ActiveGroupException, ExecutionException, InterruptedException,
            TimeoutException {
        refuseActive(plan.group());
        Map<TopicPartition, OffsetAndMetadata> offsets = plan.moves().stream().collect(Collectors.toMap(
                Move::partition, move -> new OffsetAndMetadata(move.target())));
        get(admin.alterConsumerGroupOffsets(plan.group(), offsets).all());
    }

    private void refuseActive(String group) throws ActiveGroupException, ExecutionException, InterruptedException,
            TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return; // A group the broker does not know has no members; rewinding it creates it.
            }
            throw e;
        }
        if (!description.members().isEmpty()) {
            throw new ActiveGroupException("group '" + group + "' has " + description.members().size()
                    + " active member(s) (state " + description.state() + "); stop its consumers and try again");
        }
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
        return descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers = get(admin.listOffsets(partitions
                .stream().collect(Collectors.toMap(Function.identity(), partition -> spec))).all());
        return answers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().offset()));
    }

    private <T> T get(KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
