package io.eventloom.core;

import org.apache.kafka.streams.processor.TaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process manager's instances in flight on this app instance, kept by each task's processor: the states its store
 * holds when the task starts (again after an aborted transaction, so nothing aborted stays counted), plus those it
 * stores and drops since.
 */
final class ProcessInstances {

    private final Map<TaskId, AtomicLong> byTask = new ConcurrentHashMap<>();

    /** The task's count, starting from the states its store holds now. */
    AtomicLong started(TaskId task, long stored) {
        AtomicLong count = new AtomicLong(stored);
        byTask.put(task, count);
        return count;
    }

    /** The task's processor closed; a processor started for the task since keeps its own count. */
    void closed(TaskId task, AtomicLong count) {
        byTask.remove(task, count);
    }

    long inFlight() {
        return byTask.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
