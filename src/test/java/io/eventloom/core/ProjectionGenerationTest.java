package io.eventloom.core;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionGenerationTest {

    @Test
    void givenTheBuiltInGeneration_whenTheNextIsBuiltAndSwitchedTo_thenTheTextSaysEachStep() {
        ProjectionGeneration building = ProjectionGeneration.BUILT_IN.withNextBuilding();

        assertThat(ProjectionGeneration.BUILT_IN.text()).isEqualTo("live=1");
        assertThat(building.text()).isEqualTo("live=1 building=2");
        assertThat(building.switched()).isEqualTo(new ProjectionGeneration(2, OptionalInt.empty()));
        assertThat(ProjectionGeneration.parse(building.text())).isEqualTo(building);
        assertThat(ProjectionGeneration.parse(building.switched().withNextBuilding().text()))
                .isEqualTo(new ProjectionGeneration(2, OptionalInt.of(3)));
    }

    @Test
    void givenTextItDoesNotWrite_whenParsed_thenItIsRefusedWithTheText() {
        for (String text : new String[] {"", "live", "live=x", "live=2 building=2", "live=0", "gen=2"}) {
            assertThatThrownBy(() -> ProjectionGeneration.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(ProjectionGeneration.BUILT_IN::switched).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenARebuiltGeneration_whenNamed_thenItsApplicationIdCarriesProjectionAndGeneration() {
        assertThat(ProjectionGeneration.applicationId("shop", "order-summary", 3)).isEqualTo("shop-order-summary-g3");
        assertThatThrownBy(() -> ProjectionGeneration.applicationId("shop", "order-summary", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
