package io.eventloom.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projections the runtime's own topology no longer keeps: read from a rebuilt generation, or waiting for one
 * because their rows cannot be read any more, and computed into no other projection the runtime keeps. Their
 * processors stay (every instance must run the same topology) but write no rows: each update deletes the row it would
 * have written, and a projection retired before the start keeps nothing at all.
 */
final class RetiredProjections {

    private final Set<String> atStart;
    private final Set<String> now = ConcurrentHashMap.newKeySet();

    RetiredProjections(Set<String> atStart) {
        this.atStart = Set.copyOf(atStart);
        now.addAll(atStart);
    }

    /** The projections retired when the topology was built. */
    Set<String> atStart() {
        return atStart;
    }

    /** Whether the projection was retired when the topology was built: its store then keeps nothing. */
    boolean atStart(String projection) {
        return atStart.contains(projection);
    }

    /** Whether the projection's processors are to write no rows now; asked for every update. */
    boolean isRetired(String projection) {
        return now.contains(projection);
    }

    void retire(Set<String> projections) {
        now.addAll(projections);
    }
}
