package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventloom.core.StoredEvent;
import io.eventloom.core.counter.Incremented;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {

    private final InFlight inFlight = new InFlight();
    private final AtomicInteger reads = new AtomicInteger();
    private long eventsVersion = 2;

    // What the events read make of counter 'a' is its version alone; the live side agrees when its version is that.
    private final InFlight.Compare compare = answer -> {
        long live = answer.map(json -> json.path("version").asLong()).orElse(0L);
        return live == eventsVersion ? Optional.empty() : Optional.of(Difference.ofAggregate(
                Difference.Source.STATE, "counter", "a", OptionalLong.of(live), OptionalLong.of(eventsVersion),
                List.of()));
    };

    @Test
    void givenAnAggregateAlwaysOneAheadOfTheEventsRead_whenSettled_thenItsAnswerMeetsTheEventsOfItsVersion()
            throws Exception {
        // A hot aggregate: every new look finds it one version past the events read, so looking again never agrees.
        InFlight.LiveRead hot = () -> {
            reads.incrementAndGet();
            return Optional.of(at(eventsVersion + 1));
        };
        inFlight.perAggregate("counter", "a", hot, compare, Optional.of(at(3)), compare.with(Optional.of(at(3)))
                .orElseThrow());

        List<Difference> left = inFlight.settle(Duration.ofSeconds(2), this::readOneMoreEvent);

        assertThat(left).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void givenAnAggregateAheadOfAllItsEvents_whenSettled_thenReportedAsFirstSeenOnceTheTimeIsOver()
            throws Exception {
        Difference first = compare.with(Optional.of(at(5))).orElseThrow();
        inFlight.perAggregate("counter", "a", () -> Optional.of(at(5)), compare, Optional.of(at(5)), first);

        List<Difference> left = inFlight.settle(Duration.ofMillis(300), () -> { });

        assertThat(left).containsExactly(first);
        assertThat(first.firstDifferingVersion()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void givenARowThatCatchesUpOnTheSecondLook_whenSettled_thenNotReported() throws Exception {
        inFlight.reread(() -> Optional.of(at(reads.incrementAndGet() == 1 ? 1 : 2)), compare,
                compare.with(Optional.of(at(1))).orElseThrow());

        assertThat(inFlight.settle(Duration.ofSeconds(3), () -> { })).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void givenARowThatNeverAgrees_whenSettled_thenReportedAsLastSeen() throws Exception {
        inFlight.reread(() -> Optional.of(at(10 + reads.incrementAndGet())), compare,
                compare.with(Optional.empty()).orElseThrow());

        List<Difference> left = inFlight.settle(Duration.ofMillis(700), () -> { });

        assertThat(left).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(Difference.Kind.DIFFERENT);
            assertThat(reads.get()).isGreaterThan(1);
            assertThat(difference.liveVersion()).isEqualTo(OptionalLong.of(10 + reads.get()));
        });
    }

    @Test
    void givenNoSettleTime_whenSettled_thenLookedAtOnceWithTheEventsReadOn() throws Exception {
        inFlight.reread(() -> Optional.of(at(reads.incrementAndGet())), compare,
                compare.with(Optional.empty()).orElseThrow());

        assertThat(inFlight.settle(Duration.ZERO, this::readOneMoreEvent)).hasSize(1);
        assertThat(reads).hasValue(1);
        assertThat(eventsVersion).isEqualTo(3);
    }

    private void readOneMoreEvent() {
        eventsVersion++;
        inFlight.reached("counter", new StoredEvent("e", "a", eventsVersion, Instant.EPOCH, "c", "c",
                Optional.empty(), new Incremented(1)));
    }

    private static JsonNode at(long version) {
        return JsonNodeFactory.instance.objectNode().put("version", version);
    }
}
