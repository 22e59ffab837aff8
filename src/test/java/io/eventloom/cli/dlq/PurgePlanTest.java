package io.eventloom.cli.dlq;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PurgePlanTest {

    // Offsets with gaps, as transaction markers leave them: partition 0 holds 3, 5, 9; partition 1 holds 4.
    private static final DeadLetterLog LOG = new DeadLetterLog(List.of(letter(0, 3), letter(0, 5), letter(0, 9),
            letter(1, 4)), Map.of(0, 11L, 1, 6L));

    @Test
    void givenThePartitionsFirstDeadLetters_whenPlanned_thenDeletedUpToTheLastNamedOnly() {
        PurgePlan plan = PurgePlan.of(LOG, Set.of(new DeadLetterId(0, 3), new DeadLetterId(0, 5)));

        assertThat(plan.possible()).isTrue();
        assertThat(plan.deleteBefore()).containsExactly(Map.entry(0, 6L));
        assertThat(plan.purged()).extracting(DeadLetter::id)
                .containsExactly(new DeadLetterId(0, 3), new DeadLetterId(0, 5));
    }

    @Test
    void givenADeadLetterWithAnEarlierOneNotNamed_whenPlanned_thenImpossibleAndTheEarlierOneIsNamed() {
        PurgePlan plan = PurgePlan.of(LOG, Set.of(new DeadLetterId(0, 5), new DeadLetterId(1, 4)));

        assertThat(plan.possible()).isFalse();
        assertThat(plan.inTheWay()).extracting(DeadLetter::id).containsExactly(new DeadLetterId(0, 3));
    }

    @Test
    void givenAll_whenPlanned_thenEachPartitionUpToWhereItWasReadAndNoFurther() {
        PurgePlan plan = PurgePlan.all(LOG);

        assertThat(plan.possible()).isTrue();
        assertThat(plan.deleteBefore()).containsOnly(Map.entry(0, 11L), Map.entry(1, 6L));
        assertThat(plan.purged()).hasSize(4);
    }

    private static DeadLetter letter(int partition, long offset) {
        return new DeadLetter(new DeadLetterId(partition, offset), null, new byte[0], List.of());
    }
}
