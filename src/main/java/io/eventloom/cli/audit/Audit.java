package io.eventloom.cli.audit;

import io.eventloom.cli.Progress;
import io.eventloom.core.AggregateType;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.RecomputedProjections;
import io.eventloom.core.RecomputedStates;
import io.eventloom.core.StoredEvent;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

/**
 * One audit: folds every event in scope again, then compares each aggregate's state and each projection row the live
 * app holds with what the events make. What may only be in flight is checked again, with the events read on, until it
 * agrees or the settle time is over: a state ahead of the events read (traffic since), and any projection difference
 * (projections follow the events asynchronously). A state behind its events, or apart from them at the same version,
 * is reported at once: a command's state and events commit in one transaction, so no traffic explains it.
 */
final class Audit {

    private static final Duration RECHECK_EVERY = Duration.ofMillis(500);

    private final AuditScope scope;
    private final EventLog log;
    private final LiveReads live;
    private final Duration settle;
    private final PrintWriter progress;
    private final LiveComparison comparison = new LiveComparison();
    private final Set<String> audited = new HashSet<>();
    private final RecomputedStates states;
    private final RecomputedProjections projections;
    private final List<Difference> found = new ArrayList<>();
    private final EventLog.Reader fold = new EventLog.Reader() {
        @Override
        public void event(String type, StoredEvent event) {
            read.add(1);
            if (audited.contains(type)) {
                states.apply(type, event);
            }
            projections.apply(type, event);
        }

        @Override
        public void unreadable(String type, String key, String where, String reason) {
            read.add(1);
            found.add(Difference.unreadable(type, key, where, reason));
        }
    };
    private final Progress read;
    private List<Suspect> suspects = new ArrayList<>();
    private long aggregates;
    private long rows;

    /** @param progress where progress lines go: standard error */
    Audit(AuditScope scope, EventLog log, LiveReads live, Duration settle, PrintWriter progress) {
        this.scope = scope;
        this.log = log;
        this.live = live;
        this.settle = settle;
        this.progress = progress;
        this.read = new Progress("audit: events read", OptionalLong.empty(), progress);
        scope.audited().forEach(type -> audited.add(type.name()));
        this.states = new RecomputedStates(scope.audited());
        this.projections = new RecomputedProjections(scope.projections());
    }

    /** A difference that may be in flight, and how to look at it again. */
    private record Suspect(Difference difference, Check check) {
    }

    @FunctionalInterface
    private interface Check {
        Optional<Difference> again() throws IOException, InterruptedException;
    }

    /**
     * @throws IOException                  when the HTTP API cannot be reached
     * @throws LiveReads.RefusedException   when the HTTP API refuses a read
     * @throws org.apache.kafka.common.KafkaException when Kafka or the schema registry cannot be reached
     */
    AuditReport run() throws IOException, InterruptedException {
        log.readOn(fold);
        read.finish();
        compareStates();
        compareProjections();
        settle();
        return new AuditReport(scope, read.done(), aggregates, rows, found);
    }

    private void compareStates() throws IOException, InterruptedException {
        long total = scope.audited().stream().mapToLong(type -> states.ids(type.name()).size()).sum();
        Progress done = new Progress("audit: aggregates", OptionalLong.of(total), progress);
        for (AggregateType<?> type : scope.audited()) {
            for (String id : states.ids(type.name())) {
                Check check = () -> compareState(type.name(), id);
                Optional<Difference> difference = check.again();
                if (difference.isPresent() && difference.get().liveIsAhead()) {
                    suspects.add(new Suspect(difference.get(), check));
                } else {
                    difference.ifPresent(found::add);
                }
                aggregates++;
                done.add(1);
            }
        }
        done.finish();
    }

    private Optional<Difference> compareState(String type, String id) throws IOException, InterruptedException {
        Optional<RecomputedStates.Unfoldable> unfoldable = states.unfoldable(type, id);
        if (unfoldable.isPresent()) {
            return Optional.of(Difference.unfoldable(type, id, unfoldable.get().version(),
                    unfoldable.get().reason()));
        }
        return comparison.state(type, id, states.snapshot(type, id), live.state(type, id));
    }

    private void compareProjections() throws IOException, InterruptedException {
        Progress done = new Progress("audit: projection rows", OptionalLong.empty(), progress);
        for (ProjectionType<?> projection : scope.projections()) {
            SortedMap<String, ? extends SpecificRecord> expected = projections.rows(projection);
            Set<String> seen = new HashSet<>();
            live.rows(projection.name(), (key, row) -> {
                seen.add(key);
                suspect(projection, key, comparison.row(projection, key, Optional.ofNullable(expected.get(key)),
                        Optional.of(row)));
                done.add(1);
            });
            for (String key : expected.keySet()) {
                if (!seen.contains(key)) {
                    suspect(projection, key, comparison.row(projection, key, Optional.of(expected.get(key)),
                            Optional.empty()));
                    done.add(1);
                }
            }
        }
        rows = done.done();
        done.finish();
    }

    private void suspect(ProjectionType<?> projection, String key, Optional<Difference> difference) {
        difference.ifPresent(first -> suspects.add(new Suspect(first, () -> comparison.row(projection, key,
                Optional.ofNullable(projections.rows(projection).get(key)), live.row(projection.name(), key)))));
    }

    // Each round reads the events on first, so a live side that was ahead meets the events that put it there.
    private void settle() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!suspects.isEmpty()) {
            log.readOn(fold);
            List<Suspect> still = new ArrayList<>();
            for (Suspect suspect : suspects) {
                Optional<Difference> again = suspect.check().again();
                again.ifPresent(difference -> still.add(new Suspect(difference, suspect.check())));
            }
            suspects = still;
            long left = deadline - System.nanoTime();
            if (suspects.isEmpty() || left <= 0) {
                break;
            }
            Thread.sleep(Math.min(RECHECK_EVERY.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
        suspects.forEach(suspect -> found.add(suspect.difference()));
    }
}
