package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.core.StoredEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Differences that may only be in flight, looked at again, the events read on first each time, until they agree or
 * the settle time is over. A state or fold row whose live side is ahead of the events read is compared with what the
 * events make at the live side's version once they are read that far, which no later traffic can disturb; any other
 * difference is read again after a pause that leaves the live side time to pass the events just read.
 */
final class InFlight {

    private static final Duration RECHECK_EVERY = Duration.ofMillis(500);

    /** Reads the live side of one record again. */
    @FunctionalInterface
    interface LiveRead {
        Optional<JsonNode> read() throws IOException, InterruptedException;
    }

    /** The live side's answer for one record (empty: it has none) against what the events read make of it now. */
    @FunctionalInterface
    interface Compare {
        Optional<Difference> with(Optional<JsonNode> answer);
    }

    private final List<Suspect> suspects = new ArrayList<>();
    // Live answers ahead of the events read, by aggregate type and id, each waiting for the event of its version.
    private final Map<String, List<AheadOfEvents>> waiting = new HashMap<>();

    /** A difference of a state or fold row: what one aggregate's events alone make, at versions that say how far. */
    void perAggregate(String aggregateType, String id, LiveRead read, Compare compare, Optional<JsonNode> answer,
                      Difference first) {
        suspects.add(new PerAggregate(aggregateType, id, read, compare, answer, first));
    }

    /** A difference of a row made of several aggregates' events (a join's, a regroup's). */
    void reread(LiveRead read, Compare compare, Difference first) {
        suspects.add(new Reread(read, compare, first));
    }

    /** To be told of every event read, once it is folded: answers waiting for its version are compared now. */
    void reached(String aggregateType, StoredEvent event) {
        List<AheadOfEvents> answers = waiting.get(key(aggregateType, event.aggregateId()));
        if (answers != null) {
            answers.removeIf(answer -> answer.reached(event.version()));
        }
    }

    /**
     * Looks again, round after round, until nothing differs or {@code settle} is over (with zero, once).
     *
     * @param readOn reads the events on to where the log ends now
     * @return what still differs, as last seen
     */
    List<Difference> settle(Duration settle, Runnable readOn) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        List<Suspect> left = new ArrayList<>(suspects);
        while (!left.isEmpty()) {
            readOn.run();
            long time = deadline - System.nanoTime();
            if (time > 0) {
                Thread.sleep(Math.min(RECHECK_EVERY.toMillis(), TimeUnit.NANOSECONDS.toMillis(time) + 1));
            }
            List<Suspect> still = new ArrayList<>();
            for (Suspect suspect : left) {
                if (suspect.again()) {
                    still.add(suspect);
                }
            }
            left = still;
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return left.stream().map(suspect -> suspect.last).toList();
    }

    // Aggregate ids hold no control characters, so a NUL keeps type and id apart.
    private static String key(String type, String id) {
        return type + '\u0000' + id;
    }

    /** A difference, as last seen. */
    private abstract static class Suspect {

        Difference last;

        Suspect(Difference first) {
            this.last = first;
        }

        /** Looks again; true while it still differs. */
        abstract boolean again() throws IOException, InterruptedException;
    }

    private static final class Reread extends Suspect {

        private final LiveRead read;
        private final Compare compare;

        Reread(LiveRead read, Compare compare, Difference first) {
            super(first);
            this.read = read;
            this.compare = compare;
        }

        @Override
        boolean again() throws IOException, InterruptedException {
            Optional<Difference> now = compare.with(read.read());
            now.ifPresent(difference -> last = difference);
            return now.isPresent();
        }
    }

    private final class PerAggregate extends Suspect {

        private final String aggregateType;
        private final String id;
        private final LiveRead read;
        private final Compare compare;
        private AheadOfEvents ahead;

        PerAggregate(String aggregateType, String id, LiveRead read, Compare compare, Optional<JsonNode> answer,
                     Difference first) {
            super(first);
            this.aggregateType = aggregateType;
            this.id = id;
            this.read = read;
            this.compare = compare;
            keepIfAhead(answer, first);
        }

        @Override
        boolean again() throws IOException, InterruptedException {
            if (ahead != null) {
                if (ahead.outcome == null) {
                    return true; // the event of its version is not in the log yet
                }
                ahead.outcome.ifPresent(difference -> last = difference);
                return ahead.outcome.isPresent();
            }
            Optional<JsonNode> answer = read.read();
            Optional<Difference> now = compare.with(answer);
            now.ifPresent(difference -> {
                last = difference;
                keepIfAhead(answer, difference);
            });
            return now.isPresent();
        }

        private void keepIfAhead(Optional<JsonNode> answer, Difference difference) {
            if (difference.liveIsAhead()) {
                ahead = new AheadOfEvents(difference.liveVersion().getAsLong(), answer, compare);
                waiting.computeIfAbsent(key(aggregateType, id), k -> new ArrayList<>()).add(ahead);
            }
        }
    }

    /** A live answer at a version the events read have not reached, and its comparison once they do. */
    private static final class AheadOfEvents {

        private final long version;
        private final Optional<JsonNode> answer;
        private final Compare compare;
        private Optional<Difference> outcome;

        AheadOfEvents(long version, Optional<JsonNode> answer, Compare compare) {
            this.version = version;
            this.answer = answer;
            this.compare = compare;
        }

        /** Compares, when the event just folded is of the answer's version; true when it is done. */
        boolean reached(long eventsVersion) {
            if (eventsVersion != version) {
                return false;
            }
            outcome = compare.with(answer);
            return true;
        }
    }
}
