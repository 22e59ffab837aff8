package io.eventloom.cli.dlq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which offsets to delete up to, per partition, to remove the named dead letters: Kafka deletes a partition's
 * records only from its start, so the named ones must be, with those purged before, a prefix of the partition.
 * A dead letter before a named one that is not named itself would go too, so the plan then names it instead.
 */
public record PurgePlan(Map<Integer, Long> deleteBefore, List<DeadLetter> purged, List<DeadLetter> inTheWay) {

    public PurgePlan {
        deleteBefore = Map.copyOf(deleteBefore);
        purged = List.copyOf(purged);
        inTheWay = List.copyOf(inTheWay);
    }

    /** The named dead letters, each partition up to its last named one. */
    public static PurgePlan of(DeadLetterLog log, Set<DeadLetterId> named) {
        Map<Integer, Long> deleteBefore = new TreeMap<>();
        named.forEach(id -> deleteBefore.merge(id.partition(), id.offset() + 1, Math::max));
        return plan(log.letters(), deleteBefore, named);
    }

    /** Every dead letter read: each partition up to where it was read, never past it. */
    public static PurgePlan all(DeadLetterLog log) {
        Map<Integer, Long> deleteBefore = new TreeMap<>();
        log.readUpTo().forEach((partition, end) -> {
            if (end > 0) {
                deleteBefore.put(partition, end);
            }
        });
        return plan(log.letters(), deleteBefore, null);
    }

    private static PurgePlan plan(Collection<DeadLetter> letters, Map<Integer, Long> deleteBefore,
                                  Set<DeadLetterId> named) {
        List<DeadLetter> purged = new ArrayList<>();
        List<DeadLetter> inTheWay = new ArrayList<>();
        for (DeadLetter letter : letters) {
            Long before = deleteBefore.get(letter.id().partition());
            if (before != null && letter.id().offset() < before) {
                (named == null || named.contains(letter.id()) ? purged : inTheWay).add(letter);
            }
        }
        return new PurgePlan(deleteBefore, purged, inTheWay);
    }

    /** True when deleting would remove only what was named. */
    public boolean possible() {
        return inTheWay.isEmpty();
    }
}
