package io.eventloom.cli;

import io.eventloom.core.GroupOffsets;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * How far a Kafka Streams application has read its input topics, looked at again and again while records keep
 * arriving: caught up once it has read everything the previous look saw, so it keeps pace, as closely as its
 * commits show.
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

    private final GroupOffsets offsets;
    private Map<TopicPartition, Long> previousEnds = Map.of();

    public GroupCatchUp(GroupOffsets offsets) {
        this.offsets = offsets;
    }

    /** Where the group stands on {@code inputs}; a topic its application has not made yet counts once it exists. */
    public Position measure(String group, Set<String> inputs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> partitions = offsets.partitionsOf(inputs);
        // Ends before commits: offsets committed after an end and past it mean all that was there has been read.
        Map<TopicPartition, Long> ends = offsets.ends(partitions);
        Map<TopicPartition, Long> committed = offsets.committed(group);
        int members = offsets.members(group);
        long done = 0;
        long total = 0;
        boolean allRead = !previousEnds.isEmpty();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            long read = Math.min(committed.getOrDefault(partition, 0L), end);
            done += read;
            total += end;
            // A partition the previous look did not know (a new internal topic) must be read to its end now.
            allRead &= read >= previousEnds.getOrDefault(partition, end);
        }
        previousEnds = ends;
        return new Position(done, total, members, allRead && members > 0);
    }
}
