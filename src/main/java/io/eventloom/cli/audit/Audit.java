package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * One audit: folds every event in scope again, then compares each aggregate's state and each projection row the live
 * app holds with what the events make. A state behind its events, or apart from them at the same version, is reported
 * at once: a command's state and events commit in one transaction, so no traffic explains it. A state ahead of the
 * events read, and any projection difference (projections follow the events asynchronously), may be in flight:
 * {@link InFlight} looks at it again before it is reported.
 */
final class Audit {

    private final AuditScope scope;
    private final EventLog log;
    private final LiveReads live;
    private final Duration settle;
    private final PrintWriter progress;
    private final LiveComparison comparison = new LiveComparison();
    private final Set<String> audited = new HashSet<>();
    private final RecomputedStates states;
    private final RecomputedProjections projections;
    private final InFlight inFlight = new InFlight();
    private final Progress read;
    private final List<Difference> found = new ArrayList<>();
    private final EventLog.Reader fold = new EventLog.Reader() {
        @Override
        public void event(String type, StoredEvent event) {
            read.add(1);
            if (audited.contains(type)) {
                states.apply(type, event);
            }
            projections.apply(type, event);
            inFlight.reached(type, event);
        }

        @Override
        public void unreadable(String type, String key, String where, String reason) {
            read.add(1);
            found.add(Difference.unreadable(type, key, where, reason));
        }
    };
    private long aggregates;
    private long rows;

    /** @param progress where progress lines go: standard error */
    Audit(AuditScope scope, EventLog log, LiveReads live, Duration settle, PrintWriter progress) {
        this.scope = scope;
        this.log = log;
        this.live = live;
        this.settle = settle;
        this.progress = progress;
        scope.audited().forEach(type -> audited.add(type.name()));
        this.states = new RecomputedStates(scope.audited());
        this.projections = new RecomputedProjections(scope.projections());
        this.read = new Progress("audit: events read", OptionalLong.empty(), progress);
    }

    /**
     * @throws IOException                            when the HTTP API cannot be reached
     * @throws LiveReads.RefusedException             when the HTTP API refuses a read
     * @throws org.apache.kafka.common.KafkaException when Kafka or the schema registry cannot be reached
     */
    AuditReport run() throws IOException, InterruptedException {
        log.readOn(fold);
        read.finish();
        compareStates();
        // Comparing states takes a while under traffic: the projections meet the events as they are by then.
        log.readOn(fold);
        compareProjections();
        found.addAll(inFlight.settle(settle, () -> log.readOn(fold)));
        return new AuditReport(scope, read.done(), aggregates, rows, found);
    }

    private void compareStates() throws IOException, InterruptedException {
        long total = scope.audited().stream().mapToLong(type -> states.ids(type.name()).size()).sum();
        Progress done = new Progress("audit: aggregates", OptionalLong.of(total), progress);
        for (AggregateType<?> type : scope.audited()) {
            for (String id : states.ids(type.name())) {
                compareState(type.name(), id);
                aggregates++;
                done.add(1);
            }
        }
        done.finish();
    }

    private void compareState(String type, String id) throws IOException, InterruptedException {
        Optional<RecomputedStates.Unfoldable> unfoldable = states.unfoldable(type, id);
        if (unfoldable.isPresent()) {
            found.add(Difference.unfoldable(type, id, unfoldable.get().version(), unfoldable.get().reason()));
            return;
        }
        InFlight.Compare compare = answer -> comparison.state(type, id, states.snapshot(type, id), answer);
        Optional<JsonNode> answer = live.state(type, id);
        Optional<Difference> difference = compare.with(answer);
        if (difference.isPresent() && difference.get().liveIsAhead()) {
            inFlight.perAggregate(type, id, () -> live.state(type, id), compare, answer, difference.get());
        } else {
            difference.ifPresent(found::add);
        }
    }

    private void compareProjections() throws IOException, InterruptedException {
        Progress done = new Progress("audit: projection rows", OptionalLong.empty(), progress);
        for (ProjectionType<?> projection : scope.projections()) {
            SortedMap<String, ? extends SpecificRecord> expected = projections.rows(projection);
            Set<String> seen = new HashSet<>();
            live.rows(projection.name(), (key, row) -> {
                seen.add(key);
                compareRow(projection, key, Optional.of(row));
                done.add(1);
            });
            for (String key : expected.keySet()) {
                if (!seen.contains(key)) {
                    compareRow(projection, key, Optional.empty());
                    done.add(1);
                }
            }
        }
        rows = done.done();
        done.finish();
    }

    private void compareRow(ProjectionType<?> projection, String key, Optional<JsonNode> answer) {
        InFlight.Compare compare = row -> comparison.row(projection, key,
                Optional.ofNullable(projections.rows(projection).get(key)), row);
        InFlight.LiveRead reread = () -> live.row(projection.name(), key);
        compare.with(answer).ifPresent(difference -> {
            if (projection.definition() instanceof ProjectionType.Fold<?> fold) {
                inFlight.perAggregate(fold.aggregateType(), key, reread, compare, answer, difference);
            } else {
                inFlight.reread(reread, compare, difference);
            }
        });
    }
}
