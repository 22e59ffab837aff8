package io.eventloom.cli.dlq;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed dead letters as read once, in id order, with the offset each partition was read up to: what was
 * seen is what the commands act on, never a dead letter written after it was read.
 */
public record DeadLetterLog(List<DeadLetter> letters, Map<Integer, Long> readUpTo) {

    public DeadLetterLog {
        letters = List.copyOf(letters);
        readUpTo = Map.copyOf(readUpTo);
    }

    public Optional<DeadLetter> find(DeadLetterId id) {
        return letters.stream().filter(letter -> letter.id().equals(id)).findFirst();
    }

    /** The dead letters that failed on {@code sourceTopic}, or all when it is empty. */
    public List<DeadLetter> from(Optional<String> sourceTopic) {
        return sourceTopic.map(topic -> letters.stream().filter(letter -> letter.sourceTopic().equals(topic)).toList())
                .orElse(letters);
    }
}
