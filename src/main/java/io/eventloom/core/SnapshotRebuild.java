package io.eventloom.core;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Snapshots are a cache of the history: one that cannot be read as the current state schema (a change Avro cannot
 * resolve, or damaged bytes) is rebuilt by folding the aggregate's events, read in their current form; the next
 * command stores a fresh one. Compatible changes never get here: Avro resolves them when the snapshot is read.
 */
final class SnapshotRebuild {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRebuild.class);

    private SnapshotRebuild() {
    }

    /**
     * The stored snapshot, or the state its history folds to when it cannot be read.
     *
     * @param read    reads the stored snapshot; may throw {@link SerializationException}
     * @param history the aggregate's events in version order, read only when the snapshot cannot be
     * @throws SerializationException when the snapshot cannot be read and there is no history to rebuild it from
     */
    static <S extends SpecificRecord> Snapshot<S> readOrRebuild(AggregateType<S> type, String aggregateId,
                                                                Supplier<Snapshot<S>> read,
                                                                Supplier<List<StoredEvent>> history) {
        try {
            return read.get();
        } catch (SerializationException unreadable) {
            List<StoredEvent> events = history.get();
            if (events.isEmpty()) {
                throw unreadable;
            }
            log.warn("Snapshot of {} '{}' cannot be read as the current {} ({}); rebuilt from its {} events",
                    type.name(), aggregateId, type.state().getSimpleName(), unreadable.getMessage(), events.size());
            return Snapshot.replay(type.decider(), events);
        }
    }
}
